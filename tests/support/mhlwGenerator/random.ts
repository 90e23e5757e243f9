/** A small seeded PRNG (mulberry32) and helpers, so that one seed always gives the same workbook. */
export interface Random {
  /** uniform in [0, 1) */
  next(): number
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number
  /** standard normal (Box–Muller) */
  normal(): number
  /** true with probability p */
  chance(p: number): boolean
}

/** FNV-1a of a string, so that seeds can be labels ('2026', 'insured', …). */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export function createRandom(seed: number | string, stream = ''): Random {
  let state = hash(`${seed}/${stream}`)
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    chance: (p) => next() < p,
  }
}
