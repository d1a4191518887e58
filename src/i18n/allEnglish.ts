// Every English message in one object (both parts): for the server, which answers in any language
// at once, and for tests that check a key exists. Never imported by the app's first load.
import { en } from './en';
import { enLater } from './enLater';

export const allEnglish: Record<string, string> = { ...en, ...enLater };
