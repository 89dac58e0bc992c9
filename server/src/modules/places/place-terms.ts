import { pinyin } from 'pinyin-pro';

/**
 * How names become search terms. Chinese has no spaces, so a run of Han characters is indexed
 * as its overlapping pairs (中山东路 → 中山 山东 东路): a query for any part of a name finds it,
 * and all of a query's pairs must be there. Latin words are lower-cased without accents
 * (Plaça → placa) and matched by prefix and with typos.
 */
const HAN = /\p{Script=Han}/u;
const SPLIT = /[\s\p{P}\p{S}]+/u;

export const hasHan = (text: string): boolean => HAN.test(text);

/** Lower case, accents off: "Plaça dels Coprínceps" and "placa dels coprinceps" are the same words. */
export const foldLatin = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

function hanPairs(run: string): string[] {
  const chars = [...run];
  if (chars.length <= 2) return [chars.join('')];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!);
  return pairs;
}

/** Splits a chunk like "长江路333号" or "A12号" into Han runs and other runs. */
function runsOf(chunk: string): { text: string; han: boolean }[] {
  const runs: { text: string; han: boolean }[] = [];
  for (const ch of chunk) {
    const han = HAN.test(ch);
    const last = runs[runs.length - 1];
    if (last && last.han === han) last.text += ch;
    else runs.push({ text: ch, han });
  }
  return runs;
}

/** Terms of a name (index side) or of a query (search side): the same rule, so they meet. */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const chunk of foldLatin(text).split(SPLIT)) {
    if (!chunk) continue;
    for (const run of runsOf(chunk)) terms.push(...(run.han ? hanPairs(run.text) : [run.text]));
  }
  return terms;
}

/** Full pinyin without spaces (中山东路 → zhongshandonglu) and initials (zsdl); null for a name without Han. */
export function pinyinForms(name: string): { full: string; initials: string } | null {
  if (!hasHan(name)) return null;
  const options = { toneType: 'none', type: 'array', nonZh: 'consecutive' } as const;
  const full = pinyin(name, options).join('');
  const initials = pinyin(name, { ...options, pattern: 'first' }).join('');
  return { full: foldLatin(full).replace(/[^a-z0-9]/g, ''), initials: foldLatin(initials).replace(/[^a-z0-9]/g, '') };
}
