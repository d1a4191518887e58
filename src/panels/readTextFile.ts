// Reads a text file a user picked (CSV cards, survey answers). Files come back from Excel in the
// Windows code page of its locale as often as in UTF-8, and decoding those as UTF-8 would turn
// "Înscriere în aplicație" into "�nscriere �n aplica�ie" without a word: UTF-8 is tried strictly,
// then the code page of the interface language (Central European for Romanian, Western otherwise).
import type { Locale } from '../i18n';

const CODE_PAGE: Record<Locale, string> = { ro: 'windows-1250', it: 'windows-1252', en: 'windows-1252' };

export async function readTextFile(file: File, locale: Locale): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder(CODE_PAGE[locale]).decode(bytes);
  }
}
