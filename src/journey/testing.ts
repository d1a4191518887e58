// Helpers for unit tests (not shipped): a tiny seeded PRNG so randomised tests replay exactly.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPARTMENTS: Record<string, string> = { marketing: 'Marketing', sales: 'Sales', operations: 'Operations', it: 'IT', customerService: 'Customer Service', product: 'Product' };
/** Stands in for the catalogue when a test instantiates a template: department keys become their
 * English names (tests compare owners and hand-offs), every other key stays a key. */
export const templateText = (key: string): string => (key.startsWith('template.department.') ? (DEPARTMENTS[key.slice('template.department.'.length)] ?? key) : key);
