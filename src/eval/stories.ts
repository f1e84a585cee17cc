/**
 * Story clustering on a gold set: JSON records (the ingest format) with a gold `cluster` label and, for
 * near-copies, `copyOf` (the id of the record copied). The records go through the same path as
 * `sitrep ingest` (reader, article, facts), are clustered in arrival order, and are scored by pairwise
 * precision/recall/F1 and B-cubed F1; copy detection is scored over pairs in the same copy group.
 */
import path from 'node:path';
import { readSources } from '../sources/read.js';
import { buildArticle } from '../article/build.js';
import { annotateArticle } from '../facts/annotate.js';
import { storyFeatures, storyInput, storySourceOf, type StoryInput } from '../stories/features.js';
import { StoryClusterer, byArrival, DEFAULT_CLUSTER_OPTIONS, type ClusterOptions } from '../stories/cluster.js';
import { f1, pct, readJsonLines } from './gold.js';

interface GoldRecord {
  id: string;
  cluster: string;
  copyOf?: string;
}

export interface PairScores {
  precision: number;
  recall: number;
  f1: number;
}

export interface StoriesReport {
  file: string;
  articles: number;
  goldStories: number;
  predictedStories: number;
  pairwise: PairScores;
  bcubed: PairScores;
  copies: PairScores & { goldPairs: number; predictedPairs: number };
  /** Articles per second for features and clustering alone (the articles and facts are built before). */
  clusteringPerSecond: number;
}

function groups(labels: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [item, label] of labels) {
    const list = out.get(label);
    if (list) list.push(item);
    else out.set(label, [item]);
  }
  return out;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/** Pairwise scores from the contingency of two labelings over the same items, in linear time. */
export function pairwiseScores(gold: Map<string, string>, predicted: Map<string, string>): PairScores {
  const joint = new Map<string, number>();
  for (const [item, g] of gold) {
    const key = `${g}\u0000${predicted.get(item)}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  let both = 0;
  for (const n of joint.values()) both += pairs(n);
  const goldPairs = countPairs(gold);
  const predictedPairs = countPairs(predicted);
  const precision = predictedPairs ? both / predictedPairs : 1;
  const recall = goldPairs ? both / goldPairs : 1;
  return { precision, recall, f1: f1(precision, recall) };
}

/** B-cubed: per item, the share of its predicted cluster that is in its gold cluster, and the reverse. */
export function bcubedScores(gold: Map<string, string>, predicted: Map<string, string>): PairScores {
  const joint = new Map<string, number>();
  const goldSize = new Map<string, number>();
  const predictedSize = new Map<string, number>();
  for (const [item, g] of gold) {
    const p = predicted.get(item)!;
    joint.set(`${g}\u0000${p}`, (joint.get(`${g}\u0000${p}`) ?? 0) + 1);
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
    predictedSize.set(p, (predictedSize.get(p) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (const [item, g] of gold) {
    const p = predicted.get(item)!;
    const shared = joint.get(`${g}\u0000${p}`)!;
    precision += shared / predictedSize.get(p)!;
    recall += shared / goldSize.get(g)!;
  }
  precision /= gold.size || 1;
  recall /= gold.size || 1;
  return { precision, recall, f1: f1(precision, recall) };
}

/** Copy groups as labels: each item labelled by the root of its chain of copy links. */
function copyRoots(links: Map<string, string | null>): Map<string, string> {
  const root = (id: string): string => {
    const seen = new Set<string>();
    let at = id;
    for (let next = links.get(at); next && !seen.has(next); next = links.get(at)) {
      seen.add(at);
      at = next;
    }
    return at;
  };
  return new Map([...links.keys()].map((id) => [id, root(id)]));
}

function countPairs(labels: Map<string, string>): number {
  let n = 0;
  for (const members of groups(labels).values()) n += pairs(members.length);
  return n;
}

/** A gold file read once: its records' articles in arrival order, ready to cluster with any options. */
export interface StoryGold {
  file: string;
  gold: Map<string, GoldRecord>;
  /** Gold record id → stored article id (an exact copy of an earlier record is the same article). */
  articleOfRecord: Map<string, string>;
  inputs: StoryInput[];
}

export async function loadStoryGold(file: string): Promise<StoryGold> {
  const gold = new Map((await readJsonLines<GoldRecord>(file)).map((r) => [r.id, r]));
  const articleOfRecord = new Map<string, string>();
  const inputs: (StoryInput & { published: string | null })[] = [];
  const seen = new Set<string>();
  for await (const item of readSources([file], { maxBytes: 64 * 1024 * 1024 })) {
    if (item.kind !== 'record') continue;
    const built = buildArticle(item.record, { now: new Date() });
    if (!built.ok || !built.article.externalId || !gold.has(built.article.externalId)) continue;
    const article = built.article;
    articleOfRecord.set(article.externalId!, article.id);
    if (seen.has(article.id)) continue;
    seen.add(article.id);
    inputs.push({ ...storyInput(storySourceOf(article, annotateArticle(article))), published: article.published });
  }
  return { file: path.basename(file), gold, articleOfRecord, inputs: inputs.sort(byArrival) };
}

export function scoreStories(loaded: StoryGold, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): StoriesReport {
  const { gold, articleOfRecord, inputs } = loaded;
  const started = performance.now();
  const clusterer = new StoryClusterer(options);
  const storyOf = new Map<string, string>();
  const copyOf = new Map<string, string | null>();
  for (const input of inputs) {
    const assignment = clusterer.add(input.id, storyFeatures(input));
    for (const move of assignment.moves) for (const id of move.articleIds) storyOf.set(id, move.storyId);
    storyOf.set(input.id, assignment.storyId);
    copyOf.set(input.id, assignment.copyOf);
  }
  const seconds = (performance.now() - started) / 1000;

  const goldStory = new Map<string, string>();
  const predictedStory = new Map<string, string>();
  const goldCopy = new Map<string, string | null>();
  const predictedCopy = new Map<string, string | null>();
  for (const [recordId, articleId] of articleOfRecord) {
    const record = gold.get(recordId)!;
    goldStory.set(recordId, record.cluster);
    predictedStory.set(recordId, storyOf.get(articleId)!);
    goldCopy.set(recordId, record.copyOf && articleOfRecord.has(record.copyOf) ? record.copyOf : null);
  }
  // A predicted copy link is between articles; map it back to records (the first record of each article).
  const recordOfArticle = new Map<string, string>();
  for (const [recordId, articleId] of articleOfRecord) if (!recordOfArticle.has(articleId)) recordOfArticle.set(articleId, recordId);
  for (const [recordId, articleId] of articleOfRecord) {
    const first = recordOfArticle.get(articleId)!;
    const linked = first !== recordId ? articleId : copyOf.get(articleId);
    predictedCopy.set(recordId, linked ? recordOfArticle.get(linked)! : null);
  }
  const goldCopies = copyRoots(goldCopy);
  const predictedCopies = copyRoots(predictedCopy);
  return {
    file: loaded.file,
    articles: goldStory.size,
    goldStories: new Set(goldStory.values()).size,
    predictedStories: new Set(predictedStory.values()).size,
    pairwise: pairwiseScores(goldStory, predictedStory),
    bcubed: bcubedScores(goldStory, predictedStory),
    copies: { ...pairwiseScores(goldCopies, predictedCopies), goldPairs: countPairs(goldCopies), predictedPairs: countPairs(predictedCopies) },
    clusteringPerSecond: seconds > 0 ? inputs.length / seconds : inputs.length,
  };
}

export async function evalStories(file: string): Promise<StoriesReport> {
  return scoreStories(await loadStoryGold(file));
}

export function formatStoriesReport(r: StoriesReport): string {
  const line = (name: string, s: PairScores) => `${name.padEnd(10)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}`;
  return [
    `${r.file}: ${r.articles} articles, ${r.goldStories} gold stories, ${r.predictedStories} predicted`,
    line('pairwise', r.pairwise),
    line('B-cubed', r.bcubed),
    `${line('copies', r.copies)}  (${r.copies.goldPairs} gold pairs, ${r.copies.predictedPairs} predicted)`,
    `clustering ${r.clusteringPerSecond.toFixed(0)} articles/s (features and clustering, after annotation)`,
  ].join('\n');
}
