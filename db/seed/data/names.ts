/**
 * Deterministic Chinese personal names for demo data. No dependencies: a tiny PRNG
 * (mulberry32) plus weighted surname lists and given-name characters, so the same seed
 * always yields the same people.
 */

export type Rng = () => number;

/** mulberry32: 32-bit state, returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, to derive a seed from e.g. a tenant slug or village code. */
export function seedFromString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick from empty list");
  return item;
}

export function weightedPick<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (last === undefined) throw new Error("weightedPick from empty list");
  return last[0];
}

type Weighted = readonly (readonly [string, number])[];

/** Surnames weighted roughly by frequency in Sichuan (成都, 达州). Weights are per mille-ish. */
export const SURNAMES_SICHUAN: Weighted = [
  ["李", 90],
  ["王", 75],
  ["张", 70],
  ["刘", 65],
  ["陈", 60],
  ["杨", 50],
  ["黄", 35],
  ["罗", 32],
  ["何", 30],
  ["周", 28],
  ["吴", 26],
  ["赵", 25],
  ["邓", 24],
  ["唐", 22],
  ["曾", 20],
  ["彭", 20],
  ["谢", 18],
  ["蒋", 18],
  ["向", 16],
  ["胡", 16],
  ["徐", 15],
  ["冯", 14],
  ["廖", 14],
  ["杜", 13],
  ["余", 13],
  ["游", 10],
  ["袁", 12],
  ["肖", 12],
  ["郑", 11],
  ["马", 10],
  ["朱", 10],
  ["任", 10],
  ["文", 9],
  ["蒲", 8],
  ["谭", 9],
  ["钟", 9],
  ["付", 8],
  ["宋", 8],
  ["魏", 8],
  ["熊", 8],
  ["苟", 6],
  ["雷", 7],
  ["田", 7],
  ["龚", 6],
  ["汪", 6],
  ["秦", 6],
  ["牟", 5],
  ["母", 4],
  ["敬", 3],
  ["伍", 5],
  ["严", 5],
  ["冉", 4],
  ["庞", 4],
  ["幸", 2],
  ["鄢", 3],
  ["税", 2],
];

/** Surnames weighted for 白银/平川 (Gansu): 马 is frequent (Hui and Han alike). */
export const SURNAMES_GANSU: Weighted = [
  ["王", 95],
  ["张", 85],
  ["李", 80],
  ["刘", 60],
  ["杨", 50],
  ["马", 45],
  ["魏", 22],
  ["赵", 30],
  ["陈", 28],
  ["郭", 22],
  ["何", 18],
  ["杜", 15],
  ["苏", 14],
  ["牛", 12],
  ["段", 12],
  ["冯", 12],
  ["高", 16],
  ["孙", 14],
  ["徐", 12],
  ["朱", 12],
  ["吴", 10],
  ["胡", 12],
  ["田", 10],
  ["雒", 5],
  ["蒲", 5],
  ["强", 4],
  ["姚", 8],
  ["贾", 9],
  ["韩", 10],
  ["石", 9],
  ["罗", 8],
  ["景", 5],
  ["柴", 6],
  ["满", 4],
  ["万", 5],
  ["付", 6],
  ["宋", 8],
  ["包", 5],
  ["慕", 3],
  ["虎", 3],
  ["党", 4],
  ["安", 6],
  ["祁", 4],
  ["火", 2],
  ["靳", 3],
  ["俞", 3],
];

/** 宣汉 土家族 and 平川/靖远 回族 families mostly use Han-style names; these surnames dominate there. */
export const SURNAMES_TUJIA: Weighted = [
  ["向", 30],
  ["田", 20],
  ["覃", 14],
  ["冉", 12],
  ["彭", 14],
  ["谭", 12],
  ["龚", 8],
  ["符", 6],
];
export const SURNAMES_HUI: Weighted = [
  ["马", 45],
  ["丁", 10],
  ["海", 6],
  ["纳", 4],
  ["穆", 5],
  ["哈", 3],
  ["白", 6],
  ["拜", 3],
  ["沙", 4],
];

/** Given-name characters by generation style, split roughly by the sex they are usually given to. */
const GIVEN = {
  older: {
    male: "德福贵华国建军明文永志兴成忠光富荣海发学清元祥平强友春宗正仁",
    female: "秀兰英桂芳玉珍凤琼淑素翠菊梅花香莲琴群萍霞金碧蓉",
  },
  middle: {
    male: "伟勇刚斌军涛波杰林辉鹏强俊峰超磊亮兵洪平飞云健东宏毅",
    female: "丽娟静敏燕霞红艳梅芳琳玲莉颖雪萍慧娜蓉倩丹婷",
  },
} as const;

/** Born 1990 or later: whole given names, since free character pairs look unnatural for this style. */
const GIVEN_YOUNGER = {
  male: [
    "浩宇",
    "子轩",
    "宇航",
    "俊杰",
    "浩然",
    "梓睿",
    "博文",
    "一鸣",
    "皓轩",
    "晨阳",
    "泽宇",
    "思源",
    "家豪",
    "雨泽",
    "天佑",
    "明轩",
    "煜城",
    "铭泽",
    "鑫",
    "磊",
    "浩",
    "航",
    "睿",
    "凯",
  ],
  female: [
    "欣怡",
    "梓涵",
    "思雨",
    "诗琪",
    "佳怡",
    "雨欣",
    "可馨",
    "雅婷",
    "语彤",
    "若曦",
    "紫涵",
    "梦瑶",
    "心怡",
    "静怡",
    "诗涵",
    "佳悦",
    "婧",
    "琪",
    "悦",
    "萱",
    "瑶",
    "雪",
  ],
} as const;

/** Second characters that often follow the first in two-character given names (e.g. 建国, 秀兰). */
const GIVEN_SECOND_COMMON = "华明国军平英兰芳成林生福贵云强红梅琼";

export interface PersonNameOptions {
  region?: "sichuan" | "gansu";
  /** draw from the Tujia (宣汉) or Hui (平川) surname list instead */
  minority?: "tujia" | "hui";
  sex?: "male" | "female";
  /** influences the style of the given name (before 1968: 德福秀兰; 1968–89: 伟娟; 1990+: 浩宇欣怡) */
  birthYear?: number;
  /** share of pre-1990 names with a one-character given name (张伟, 王芳); default 0.18 */
  singleGivenShare?: number;
}

function charsOf(s: string): string[] {
  return Array.from(s);
}

/** A full name such as 李建华, 王芳 or 向玉兰. Deterministic for a given rng sequence. */
export function personName(rng: Rng, opts: PersonNameOptions = {}): string {
  const surnames =
    opts.minority === "tujia"
      ? SURNAMES_TUJIA
      : opts.minority === "hui"
        ? SURNAMES_HUI
        : opts.region === "gansu"
          ? SURNAMES_GANSU
          : SURNAMES_SICHUAN;
  const surname = weightedPick(rng, surnames);
  const sex = opts.sex ?? (rng() < 0.5 ? "male" : "female");
  const year = opts.birthYear ?? intBetween(rng, 1950, 2010);
  if (year >= 1990) return surname + pick(rng, GIVEN_YOUNGER[sex]);
  const pool = charsOf((year < 1968 ? GIVEN.older : GIVEN.middle)[sex]);
  const first = pick(rng, pool);
  if (rng() < (opts.singleGivenShare ?? 0.18)) return surname + first;
  // older generation often uses a common pair (建华, 秀英); others draw freely from the pool
  let second = year < 1975 && rng() < 0.35 ? pick(rng, charsOf(GIVEN_SECOND_COMMON)) : pick(rng, pool);
  if (second === first) second = pick(rng, pool);
  return surname + first + second;
}

/** A household's birth year given the head's age band; helper for generators. */
export function birthYearForAge(rng: Rng, minAge: number, maxAge: number, refYear = 2025): number {
  return refYear - intBetween(rng, minAge, maxAge);
}
