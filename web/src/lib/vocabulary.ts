/**
 * The coded vocabulary the pages colour and name: PLOVER quad classes, claim statuses, and the kinds of
 * highlight in the article reader. One place, so that a chart, a badge and a legend always agree.
 */
import type { RelationPoint } from './api-types.js';

export interface QuadClass {
  id: 1 | 2 | 3 | 4;
  key: keyof Omit<RelationPoint, 'period' | 'counterpart'>;
  label: string;
  color: string;
  cooperation: boolean;
}

/** PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export const QUAD_CLASSES: QuadClass[] = [
  { id: 1, key: 'verbalCooperation', label: 'Verbal cooperation', color: '#63c5a4', cooperation: true },
  { id: 2, key: 'materialCooperation', label: 'Material cooperation', color: '#1f8a5b', cooperation: true },
  { id: 3, key: 'verbalConflict', label: 'Verbal conflict', color: '#f08c3a', cooperation: false },
  { id: 4, key: 'materialConflict', label: 'Material conflict', color: '#c92a2a', cooperation: false },
];

export const COOPERATION_COLOR = '#1f8a5b';
export const CONFLICT_COLOR = '#c92a2a';

export function quadClass(id: number): QuadClass | undefined {
  return QUAD_CLASSES.find((q) => q.id === id);
}

/** Mantine colour per claim status: what the source asserts plainly is neutral, everything weaker is marked. */
export const STATUS_COLORS: Record<string, string> = {
  asserted: 'gray',
  reported: 'blue',
  hedged: 'yellow',
  proposed: 'grape',
  opinion: 'violet',
  denied: 'red',
};

export const STATUS_MEANING: Record<string, string> = {
  asserted: 'stated by the outlet itself',
  reported: 'attributed to a source',
  hedged: 'stated with doubt (may, reportedly, likely)',
  proposed: 'asked for or planned, not done',
  opinion: 'a view, not a fact',
  denied: 'said not to have happened',
};

export type HighlightKind = 'mention' | 'event' | 'quote';

/** Highlight colours of the reader and its legend (background, and the underline that marks focus). */
export const HIGHLIGHTS: Record<HighlightKind, { label: string; background: string; border: string }> = {
  mention: { label: 'Actor mention', background: '#d0ebff', border: '#1c7ed6' },
  event: { label: 'Event trigger', background: '#ffe8cc', border: '#e8590c' },
  quote: { label: 'Quote', background: '#e5dbff', border: '#7048e8' },
};

