/**
 * Blocs in the relation graph: groups of actors tied together by more cooperation than conflict. Weighted
 * label propagation (Raghavan et al. 2007) over net cooperation (cooperative minus conflictual events,
 * both directions added), made deterministic by visiting actors busiest first and breaking ties towards
 * the current label, then the label of the busier actor. An actor with no net-cooperative tie, or alone
 * in its group, is in no bloc.
 */
import type { GraphEdge, GraphNode } from './api-types.js';

const MAX_ROUNDS = 50;

export interface Bloc {
  members: string[];
  events: number;
}

export function findBlocs(nodes: GraphNode[], edges: GraphEdge[]): { blocs: Bloc[]; blocOf: Map<string, number> } {
  const order = [...nodes].sort((a, b) => b.events - a.events || a.id.localeCompare(b.id));
  const rank = new Map(order.map((n, i) => [n.id, i]));
  const ties = new Map<string, Map<string, number>>(order.map((n) => [n.id, new Map()]));
  for (const e of edges) {
    if (e.source === e.target || !ties.has(e.source) || !ties.has(e.target)) continue;
    const net = e.cooperation - e.conflict;
    for (const [a, b] of [[e.source, e.target], [e.target, e.source]] as const) {
      const row = ties.get(a)!;
      row.set(b, (row.get(b) ?? 0) + net);
    }
  }

  const label = new Map(order.map((n) => [n.id, n.id]));
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (const node of order) {
      const scores = new Map<string, number>();
      for (const [neighbour, weight] of ties.get(node.id)!) {
        if (weight <= 0) continue;
        const l = label.get(neighbour)!;
        scores.set(l, (scores.get(l) ?? 0) + weight);
      }
      if (scores.size === 0) continue;
      const best = Math.max(...scores.values());
      const current = label.get(node.id)!;
      if (scores.get(current) === best) continue;
      const next = [...scores].filter(([, s]) => s === best).map(([l]) => l).sort((a, b) => rank.get(a)! - rank.get(b)!)[0]!;
      label.set(node.id, next);
      changed = true;
    }
    if (!changed) break;
  }

  const groups = new Map<string, GraphNode[]>();
  for (const node of order) {
    const l = label.get(node.id)!;
    groups.set(l, [...(groups.get(l) ?? []), node]);
  }
  const blocs = [...groups.values()]
    .filter((members) => members.length > 1)
    .map((members) => ({ members: members.map((m) => m.id), events: members.reduce((sum, m) => sum + m.events, 0) }))
    .sort((a, b) => b.events - a.events);
  const blocOf = new Map<string, number>();
  blocs.forEach((b, i) => b.members.forEach((m) => blocOf.set(m, i)));
  return { blocs, blocOf };
}
