/**
 * The article text with its facts highlighted by kind. Hovering or focusing a highlight opens a card
 * with every fact that covers it; Escape closes it. An actor mention is a link to the actor's page.
 */
import { Popover } from '@mantine/core';
import { useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { ArticleDetail } from '../lib/api-types.js';
import { highlightRuns, type Run, type Spanned } from '../lib/highlights.js';
import { followLink } from '../lib/router.js';
import { HIGHLIGHTS, type HighlightKind } from '../lib/vocabulary.js';
import { FactCard, type Fact } from './FactCard.js';

/** Which kind colours a run covered by several: the narrowest facts first. */
const KIND_ORDER: HighlightKind[] = ['event', 'mention', 'quote'];

function factKey(fact: Pick<Fact, 'kind' | 'index'>): string {
  return `${fact.kind}-${fact.index}`;
}

/** Scrolls to the first highlight of a fact and focuses it, which opens its card. */
export function showFact(fact: Pick<Fact, 'kind' | 'index'>): void {
  const element = document.querySelector<HTMLElement>(`[data-facts~="${factKey(fact)}"]`);
  element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  element?.focus({ preventScroll: true });
}

export function articleFacts(article: ArticleDetail): Spanned<Fact>[] {
  return [
    ...article.mentions.map((m, index) => ({ start: m.span.start, end: m.span.end, value: { kind: 'mention' as const, index, fact: m } })),
    ...article.events.map((e, index) => ({ start: e.trigger.start, end: e.trigger.end, value: { kind: 'event' as const, index, fact: e } })),
    ...article.quotes.map((q, index) => ({ start: q.quote.start, end: q.quote.end, value: { kind: 'quote' as const, index, fact: q } })),
  ];
}

/** CSS variables for the highlight colours, so the stylesheet and the legend share vocabulary.ts. */
export const highlightColorVars = Object.fromEntries(
  Object.entries(HIGHLIGHTS).flatMap(([kind, c]) => [
    [`--hl-${kind}`, c.background],
    [`--hl-${kind}-border`, c.border],
  ]),
) as CSSProperties;

function Highlight({ text, run }: { text: string; run: Run<Fact> }) {
  const [opened, setOpened] = useState(false);
  const closing = useRef<ReturnType<typeof setTimeout>>(undefined);
  const open = () => {
    clearTimeout(closing.current);
    setOpened(true);
  };
  // A short delay lets the pointer cross from the highlight into the card (which has links).
  const close = () => {
    clearTimeout(closing.current);
    closing.current = setTimeout(() => setOpened(false), 150);
  };
  const facts = [...run.covering].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const primary = facts[0]!;
  const inQuote = primary.kind !== 'quote' && facts.some((f) => f.kind === 'quote');
  const actorMention = facts.find((f) => f.kind === 'mention' && f.fact.actor?.code);
  const actorCode = actorMention?.kind === 'mention' ? actorMention.fact.actor?.code : undefined;
  const className = `hl hl-${primary.kind}${inQuote ? ' hl-in-quote' : ''}`;
  const handlers = {
    onMouseEnter: open,
    onMouseLeave: close,
    onFocus: open,
    onBlur: close,
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpened(false);
    },
    'data-open': opened || undefined,
    'data-kinds': facts.map((f) => f.kind).join(' '),
    // Which facts cover this run, so that the lists beside the text can jump to a fact.
    'data-facts': facts.map(factKey).join(' '),
    className,
  };
  const label = facts.map((f) => HIGHLIGHTS[f.kind].label).join(', ');
  return (
    <Popover opened={opened} onChange={setOpened} position="top" withArrow shadow="md" width="auto" closeOnEscape>
      <Popover.Target>
        {actorCode ? (
          <a href={`/actor/${encodeURIComponent(actorCode)}`} onClick={followLink(`/actor/${encodeURIComponent(actorCode)}`)} aria-label={`${text} (${label})`} {...handlers}>
            {text}
          </a>
        ) : (
          <span tabIndex={0} aria-label={`${text} (${label})`} {...handlers}>
            {text}
          </span>
        )}
      </Popover.Target>
      <Popover.Dropdown onMouseEnter={open} onMouseLeave={close} p="sm">
        <FactCard facts={facts} />
      </Popover.Dropdown>
    </Popover>
  );
}

export function HighlightedText({ article }: { article: ArticleDetail }) {
  const paragraphs = useMemo(() => highlightRuns(article.text, articleFacts(article)), [article]);
  return (
    <div className="reader-text" style={highlightColorVars} data-testid="article-text">
      {paragraphs.map((p) => (
        <p key={p.start}>
          {p.runs.map((run) => {
            const text = article.text.slice(run.start, run.end);
            if (run.covering.length === 0) return <span key={run.start}>{text}</span>;
            return <Highlight key={run.start} text={text} run={run} />;
          })}
        </p>
      ))}
    </div>
  );
}
