/**
 * Stories over the store: stored articles not yet in a story are clustered in arrival order after the
 * clusterer's state is rebuilt by replaying the stored memberships; each page of new members is written
 * in one transaction with the merges and splits it caused. `rebuild` re-clusters everything from the current facts
 * in the recorded arrival order (then the never-clustered articles) and swaps the result in at once.
 */
import { storyFeatures, storyInput, type StorySource } from '../stories/features.js';
import { StoryClusterer, storyIdOf, type StoryMove } from '../stories/cluster.js';
import type { StoryTables, StoryMemberRow } from '../store/stories.js';

export interface StoriesSummary {
  /** Articles placed in stories by this run. */
  articles: number;
  /** Stories they started, copies found, and earlier articles moved by merges and splits. */
  newStories: number;
  copies: number;
  moved: number;
  stories: number;
  seconds: number;
}

const PAGE = 500;

/** Clusters sources in order; `onPage` receives each page's rows and merges. */
async function clusterInto(
  clusterer: StoryClusterer,
  pages: AsyncIterable<StorySource[]>,
  firstSeq: number,
  onPage: (rows: StoryMemberRow[], moves: StoryMove[]) => Promise<void>,
  summary: StoriesSummary,
): Promise<void> {
  let seq = firstSeq;
  for await (const sources of pages) {
    const rows: StoryMemberRow[] = [];
    const moves: StoryMove[] = [];
    for (const source of sources) {
      const features = storyFeatures(storyInput(source));
      const assignment = clusterer.add(source.id, features);
      for (const move of assignment.moves) {
        applyMove(rows, move);
        moves.push(move);
        summary.moved += move.articleIds.length;
      }
      if (assignment.copyOf) summary.copies++;
      else if (assignment.storyId === storyIdOf(source.id)) summary.newStories++;
      rows.push({ articleId: source.id, seq: seq++, storyId: assignment.storyId, copyOf: assignment.copyOf, score: assignment.score, features });
    }
    summary.articles += rows.length;
    await onPage(rows, moves);
  }
}

function applyMove(rows: StoryMemberRow[], move: StoryMove): void {
  const moved = new Set(move.articleIds);
  for (const row of rows) if (moved.has(row.articleId)) row.storyId = move.storyId;
}

export async function updateStories(tables: StoryTables, options: { rebuild?: boolean } = {}): Promise<StoriesSummary> {
  const started = Date.now();
  const summary: StoriesSummary = { articles: 0, newStories: 0, copies: 0, moved: 0, stories: 0, seconds: 0 };
  const clusterer = new StoryClusterer();
  if (options.rebuild) {
    const order = await tables.arrivalOrder();
    const all: StoryMemberRow[] = [];
    async function* inOrder(): AsyncGenerator<StorySource[]> {
      for (let i = 0; i < order.length; i += PAGE) yield tables.sources(order.slice(i, i + PAGE));
      // Pending articles are not written until the swap, so page through them by position.
      const pending = await tables.pending(Number.MAX_SAFE_INTEGER);
      for (let i = 0; i < pending.length; i += PAGE) yield pending.slice(i, i + PAGE);
    }
    await clusterInto(clusterer, inOrder(), 1, async (rows, moves) => {
      for (const move of moves) applyMove(all, move);
      all.push(...rows);
    }, summary);
    await tables.replaceAll(all);
  } else {
    for await (const page of tables.members()) for (const row of page) clusterer.replay(row.articleId, row.features, row);
    async function* pendingPages(): AsyncGenerator<StorySource[]> {
      for (let page = await tables.pending(PAGE); page.length; page = await tables.pending(PAGE)) yield page;
    }
    await clusterInto(clusterer, pendingPages(), (await tables.lastSeq()) + 1, (rows, moves) => tables.append(rows, moves), summary);
  }
  summary.stories = clusterer.storyCount;
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
