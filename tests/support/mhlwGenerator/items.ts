/**
 * The indicator items of each generated year, written from /work/shared/mhlw-workbooks.md and
 * /work/shared/data/indicator-catalogue-r7.json only (never from the importer).
 *
 * Stable ids (what the truth is keyed by):
 *   grant            `suishin` | `doryoku`; the combined total is `total`
 *   goal             `suishin.I` … `suishin.IV` (the goal total column 「Ⅰ合計」 … 「Ⅳ合計」)
 *   group            `suishin.I.structure` (（ⅰ）体制・取組, subtotal 「Ⅰ（ⅰ）計」), `suishin.I.activity`
 *                    (（ⅱ）活動, 「Ⅰ（ⅱ）計」), `suishin.IV.outcome` (成果指標群; no subtotal column of its own)
 *   item             `<group>.<n>`, n = 1-based position in the group = the 指標番号 on header row 5,
 *                    e.g. `suishin.I.structure.1`
 *   branch           `<item>.<枝番>`, e.g. `suishin.I.structure.1.ア`
 *   sub-branch       `<item>.<枝番>.<枝番2>`, e.g. `suishin.II.structure.2.ア.①`
 * Goal IV exists under both grants with the same values: `suishin.IV.outcome.1` and
 * `doryoku.IV.outcome.1` always hold the same score.
 *
 * Which items are split into branches is not documented beyond "only a few"; the generator splits:
 *   - every goal IV item into ア/イ of 20 points each, as alternatives (the better one scores);
 *   - 推進 II(i)-2 (36) into ア (24) and イ (12); from FY2026 ア is split again into ①–④ of 6 each;
 *   - 推進 III(i)-1 (30) into ア/イ/ウ/エ (8/8/7/7; FY2027 6/6/5/5);
 *   - 支援 I(ii)-4 通いの場への参加率 (8) into ア 4 / イ 4 / ウ 2: branch maxima sum to 10, the item
 *     is capped at its 8 points (the doc's "branch maxima that sum to more than its 配点").
 */
export type GrantId = 'suishin' | 'doryoku'
export type GoalId = 'I' | 'II' | 'III' | 'IV'
export type GroupKind = 'structure' | 'activity' | 'outcome'
export type FiscalYear = 2024 | 2025 | 2026 | 2027
/** how an item's score follows from its columns */
export type ItemRule = 'single' | 'sum' | 'capped' | 'best'

interface BranchSpec { label: string; max: number; sub?: readonly (readonly [string, number])[] }
interface ItemSpec { name: string; points: number; branches?: readonly BranchSpec[]; rule?: ItemRule }
type GroupSpec = readonly ItemSpec[]

/** one spreadsheet column of an item: the item itself, a branch or a sub-branch */
export interface LeafDef {
  id: string
  /** 枝番 (ア…) or null for an unsplit item */
  branch: string | null
  /** 枝番2 (①…) or null */
  branch2: string | null
  max: number
}

export interface ItemDef {
  id: string
  grant: GrantId
  goal: GoalId
  groupId: string
  kind: GroupKind
  number: number
  name: string
  points: number
  rule: ItemRule
  leaves: LeafDef[]
}

export interface GroupDef { id: string; grant: GrantId; goal: GoalId; kind: GroupKind; max: number; items: ItemDef[] }
export interface GoalDef { id: string; grant: GrantId; goal: GoalId; title: string; groups: GroupDef[]; max: number }
export interface GrantDef { id: GrantId; name: string; goals: GoalDef[]; max: number }

export const GRANT_NAMES: Record<GrantId, string> = {
  suishin: '保険者機能強化推進交付金',
  doryoku: '介護保険保険者努力支援交付金',
}

export const GOAL_TITLES: Record<GrantId, Record<GoalId, string>> = {
  suishin: {
    I: '持続可能な地域のあるべき姿をかたちにする',
    II: '公正・公平な給付を行う体制を構築する',
    III: '介護人材の確保その他のサービス提供基盤の整備を推進する',
    IV: '高齢者がその状況に応じて可能な限り自立した日常生活を営む',
  },
  doryoku: {
    I: '介護予防／日常生活支援を推進する',
    II: '認知症総合支援を推進する',
    III: '在宅医療・在宅介護連携の体制を構築する',
    IV: '高齢者がその状況に応じて可能な限り自立した日常生活を営む',
  },
}

const alternatives = (points: number): Pick<ItemSpec, 'branches' | 'rule'> => ({
  rule: 'best', branches: [{ label: 'ア', max: points }, { label: 'イ', max: points }],
})

const GOAL_IV: GroupSpec = [
  { name: '短期的な要介護度の変化（要介護1・2）', points: 20, ...alternatives(20) },
  { name: '長期的な要介護度の変化（要介護1・2）', points: 20, ...alternatives(20) },
  { name: '短期的な要介護度の変化（要介護3～5）', points: 20, ...alternatives(20) },
  { name: '長期的な要介護度の変化（要介護3～5）', points: 20, ...alternatives(20) },
  { name: '健康寿命延伸の状況', points: 20, ...alternatives(20) },
]

const SUB_1_4 = [['①', 6], ['②', 6], ['③', 6], ['④', 6]] as const

function tekiseika(name: string, year: FiscalYear): ItemSpec {
  const a: BranchSpec = year >= 2026 ? { label: 'ア', max: 24, sub: SUB_1_4 } : { label: 'ア', max: 24 }
  return { name, points: 36, rule: 'sum', branches: [a, { label: 'イ', max: 12 }] }
}

function jinzai(name: string, points: 30 | 22): ItemSpec {
  const m = points === 30 ? [8, 8, 7, 7] : [6, 6, 5, 5]
  return { name, points, rule: 'sum', branches: ['ア', 'イ', 'ウ', 'エ'].map((label, i) => ({ label, max: m[i] ?? 0 })) }
}

const KAYOI_BRANCHES: Pick<ItemSpec, 'branches' | 'rule'> = {
  rule: 'capped', branches: [{ label: 'ア', max: 4 }, { label: 'イ', max: 4 }, { label: 'ウ', max: 2 }],
}

type YearSpec = Record<GrantId, Record<Exclude<GoalId, 'IV'>, readonly [GroupSpec, GroupSpec]>>

/** FY2025 (令和7年度): the catalogue's names and points. FY2024 differs in 支援 II(i)-3 only. */
function catalogueYear(year: 2024 | 2025): YearSpec {
  return {
    suishin: {
      I: [
        [{ name: '地域の介護保険事業の特徴', points: 16 }, { name: '事業計画の進捗状況', points: 16 }, { name: '施策の実施状況の把握・改善', points: 16 }, { name: '評価結果の活用', points: 16 }],
        [{ name: '今年度の評価点', points: 12 }, { name: '後期高齢者と給付費の伸び率比較', points: 12 }, { name: 'PFS委託事業数', points: 12 }],
      ],
      II: [
        [{ name: '給付費適正化方策の策定状況', points: 32 }, tekiseika('給付費適正化事業の取組状況', year)],
        [{ name: 'ケアプラン点検の実施状況', points: 16 }, { name: '医療情報との突合の実施状況', points: 16 }],
      ],
      III: [
        [jinzai('介護人材の確保・定着の取組状況', 30), { name: '庁内・庁外における連携体制', points: 34 }],
        [{ name: '介護の仕事の魅力に関する研修の実施状況', points: 12 }, { name: '介護人材の定着・資質向上に関する研修の実施状況', points: 12 }, { name: '介護支援専門員に対する研修の実施状況', points: 12 }],
      ],
    },
    doryoku: {
      I: [
        [{ name: 'データを活用した課題の把握', points: 6 }, { name: 'アウトリーチ等の取組状況', points: 9 }, { name: '介護予防等と保健事業の一体的実施', points: 7 }, { name: '通いの場参加者の健康状態の把握・分析', points: 7 }, { name: '地域リハビリテーションの推進', points: 7 }, { name: '介護予防・生活支援の体制整備', points: 9 }, { name: '多様なサービスの活用推進', points: 7 }],
        [{ name: '地域包括支援センター3職種の配置状況', points: 4 }, { name: '地域包括支援センター事業評価の達成状況', points: 12 }, { name: '個別事例の検討割合', points: 4 }, { name: '通いの場への参加率', points: 8, ...KAYOI_BRANCHES }, { name: 'ポイント事業への参加率', points: 4 }, { name: '心身・認知機能維持・改善者の割合', points: 4 }, { name: '生活支援コーディネーター数', points: 4 }, { name: '生活支援コーディネーターの地域ケア会議への参加割合', points: 4 }, { name: '多様なサービス（・活動）の実施状況', points: 4 }],
      ],
      II: [
        [{ name: '認知症サポーター等を活用した地域支援体制の構築', points: 25 }, { name: '早期診断・早期対応の体制構築', points: 19 }, year === 2024 ? { name: '認知症初期集中支援チームの活動状況', points: 20 } : { name: '難聴高齢者の早期発見・早期介入', points: 20 }],
        [{ name: '認知症サポーター数', points: 12 }, { name: '認知症サポーターステップアップ講座修了者数', points: 12 }, { name: '認知症地域支援推進員の業務の状況', points: 12 }],
      ],
      III: [
        [{ name: '在宅医療・介護連携に関する課題・対応策の検討', points: 26 }, { name: '在宅医療・介護連携の具体的取組状況', points: 21 }, { name: '医療・介護関係者間の情報共有', points: 21 }],
        [{ name: '入退院支援の実施状況', points: 16 }, { name: '人生の最終段階における支援の実施状況', points: 16 }],
      ],
    },
  }
}

/**
 * FY2026 (令和8年度): the names exactly as mhlw-workbooks.md lists them, same points as FY2025.
 * FY2027 (令和9年度, invented: nobody has seen it): the same, except
 *   - renamed: 支援 II(i)-3 「難聴高齢者の早期発見・早期介入」 → 「認知症の人の社会参加・意思決定支援」;
 *   - added: 推進 III(i)-3 「介護現場の生産性向上の取組状況」 8, taken from III(i)-1 (30 → 22);
 *   - moved: 支援 III(i)-1 26 → 22 and 支援 III(i)-2 21 → 25.
 * Group and goal maxima stay as they are.
 */
function laterYear(year: 2026 | 2027): YearSpec {
  const y27 = year === 2027
  return {
    suishin: {
      I: [
        [{ name: '地域の介護保険事業の特徴', points: 16 }, { name: '事業計画の進捗状況', points: 16 }, { name: '施策の実施状況の把握・改善', points: 16 }, { name: '評価結果の活用', points: 16 }],
        [{ name: '今年度の評価点', points: 12 }, { name: '後期高齢者と給付費の伸び率比較', points: 12 }, { name: 'PFS委託事業数', points: 12 }],
      ],
      II: [
        [{ name: '給付費適正化方策の策定状況', points: 32 }, tekiseika('給付費適正化事業の取組状況', year)],
        [{ name: 'ケアプラン点検の実施状況', points: 16 }, { name: '医療情報との突合の実施状況', points: 16 }],
      ],
      III: [
        y27
          ? [jinzai('介護人材の確保・定着', 22), { name: '庁内・庁外における連携体制', points: 34 }, { name: '介護現場の生産性向上の取組状況', points: 8 }]
          : [jinzai('介護人材の確保・定着', 30), { name: '庁内・庁外における連携体制', points: 34 }],
        [{ name: '介護の仕事の魅力研修', points: 12 }, { name: '定着・資質向上研修', points: 12 }, { name: '介護支援専門員研修', points: 12 }],
      ],
    },
    doryoku: {
      I: [
        [{ name: 'データ活用', points: 6 }, { name: 'アウトリーチ', points: 9 }, { name: '一体的実施', points: 7 }, { name: '通いの場参加者の健康状態', points: 7 }, { name: '地域リハ', points: 7 }, { name: '予防・生活支援体制整備', points: 9 }, { name: '多様なサービスの活用推進', points: 7 }],
        [{ name: '包括3職種', points: 4 }, { name: '包括事業評価', points: 12 }, { name: '個別事例検討割合', points: 4 }, { name: '通いの場参加率', points: 8, ...KAYOI_BRANCHES }, { name: 'ポイント事業参加率', points: 4 }, { name: '心身・認知機能維持改善者割合', points: 4 }, { name: '生活支援コーディネーター数', points: 4 }, { name: 'コーディネーターの地域ケア会議参加割合', points: 4 }, { name: '多様なサービスの実施状況', points: 4 }],
      ],
      II: [
        [{ name: '認知症サポーター等を活用した地域支援体制', points: 25 }, { name: '早期診断・早期対応', points: 19 }, { name: y27 ? '認知症の人の社会参加・意思決定支援' : '難聴高齢者の早期発見・早期介入', points: 20 }],
        [{ name: '認知症サポーター数', points: 12 }, { name: 'ステップアップ講座', points: 12 }, { name: '認知症地域支援推進員の業務', points: 12 }],
      ],
      III: [
        [{ name: '課題・対応策の検討', points: y27 ? 22 : 26 }, { name: '具体的取組状況', points: y27 ? 25 : 21 }, { name: '情報共有', points: 21 }],
        [{ name: '入退院支援', points: 16 }, { name: '人生の最終段階', points: 16 }],
      ],
    },
  }
}

function leavesOf(id: string, spec: ItemSpec): LeafDef[] {
  if (!spec.branches) return [{ id, branch: null, branch2: null, max: spec.points }]
  return spec.branches.flatMap((b): LeafDef[] => b.sub
    ? b.sub.map(([label2, max]) => ({ id: `${id}.${b.label}.${label2}`, branch: b.label, branch2: label2, max }))
    : [{ id: `${id}.${b.label}`, branch: b.label, branch2: null, max: b.max }])
}

function groupDef(grant: GrantId, goal: GoalId, kind: GroupKind, spec: GroupSpec): GroupDef {
  const id = `${grant}.${goal}.${kind}`
  const items = spec.map((s, i): ItemDef => ({
    id: `${id}.${i + 1}`, grant, goal, groupId: id, kind, number: i + 1, name: s.name, points: s.points,
    rule: s.rule ?? 'single', leaves: leavesOf(`${id}.${i + 1}`, s),
  }))
  return { id, grant, goal, kind, max: items.reduce((a, i) => a + i.points, 0), items }
}

/** Both grants of a year, in the workbook's column order. */
export function grantsOf(year: FiscalYear): GrantDef[] {
  const spec = year <= 2025 ? catalogueYear(year as 2024 | 2025) : laterYear(year as 2026 | 2027)
  return (['suishin', 'doryoku'] as const).map((grant) => {
    const goals: GoalDef[] = (['I', 'II', 'III'] as const).map((goal) => {
      const [structure, activity] = spec[grant][goal]
      const groups = [groupDef(grant, goal, 'structure', structure), groupDef(grant, goal, 'activity', activity)]
      return { id: `${grant}.${goal}`, grant, goal, title: GOAL_TITLES[grant][goal], groups, max: groups.reduce((a, g) => a + g.max, 0) }
    })
    const iv = groupDef(grant, 'IV', 'outcome', GOAL_IV)
    goals.push({ id: `${grant}.IV`, grant, goal: 'IV', title: GOAL_TITLES[grant].IV, groups: [iv], max: iv.max })
    return { id: grant, name: GRANT_NAMES[grant], goals, max: goals.reduce((a, g) => a + g.max, 0) }
  })
}

export function itemsOf(grants: readonly GrantDef[]): ItemDef[] {
  return grants.flatMap((g) => g.goals.flatMap((goal) => goal.groups.flatMap((group) => group.items)))
}

/** 推進 I(ii)-1 「今年度の評価点」: set by last year's national rank, not by this year's work. */
export const RANK_BASED_ITEM = 'suishin.I.activity.1'
