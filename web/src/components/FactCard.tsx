/** The coded fact behind a highlight in the reader: an actor mention, an event or a quote. */
import { Badge, Divider, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { CodedEvent, MentionJson, Quote } from '../lib/api-types.js';
import { formatDate } from '../lib/format.js';
import { HIGHLIGHTS, quadClass, type HighlightKind } from '../lib/vocabulary.js';
import { ActorLink, EventTypeBadge, Participants, StatusBadge } from './badges.js';

export type Fact =
  | { kind: 'mention'; index: number; fact: MentionJson }
  | { kind: 'event'; index: number; fact: CodedEvent }
  | { kind: 'quote'; index: number; fact: Quote };

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Text size="xs" c="dimmed" w={78} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="xs" component="div" style={{ minWidth: 0 }}>
        {children}
      </Text>
    </Group>
  );
}

/** The colour of a kind of highlight, for headings and the legend. */
export function KindSwatch({ kind, size = 10 }: { kind: HighlightKind; size?: number }) {
  return <span style={{ width: size * 1.2, height: size, borderRadius: 2, background: HIGHLIGHTS[kind].background, border: `1px solid ${HIGHLIGHTS[kind].border}` }} aria-hidden />;
}

function KindHeading({ kind, children }: { kind: HighlightKind; children?: ReactNode }) {
  return (
    <Group gap={6}>
      <KindSwatch kind={kind} />
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {HIGHLIGHTS[kind].label}
      </Text>
      {children}
    </Group>
  );
}

function when(date: { value: string; text?: string } | null): string {
  return date ? `${formatDate(date.value)}${date.text ? ` (“${date.text}”)` : ''}` : 'not stated';
}

/** How the text names the actor. */
const NAMED_BY: Record<MentionJson['form'], string> = {
  name: 'by name',
  abbreviation: 'by abbreviation',
  demonym: 'by demonym',
  capital: 'by its capital',
  seat: 'by its seat of government',
  surname: 'by surname',
  role: 'by role',
};

function MentionFact({ mention }: { mention: MentionJson }) {
  const actor = mention.actor;
  return (
    <Stack gap={4}>
      <KindHeading kind="mention">
        <Text size="xs" c="dimmed">
          {mention.type}, {NAMED_BY[mention.form] ?? mention.form}
        </Text>
      </KindHeading>
      {actor ? (
        <>
          <Group gap={6}>
            <Text fw={600} size="sm">
              {actor.name}
            </Text>
            {actor.code && (
              <Badge variant="outline" radius="sm" tt="none" ff="monospace">
                {actor.code}
              </Badge>
            )}
          </Group>
          <Field label="Country">{actor.country ?? 'unknown'}</Field>
          {actor.role && <Field label="Role">{actor.role}</Field>}
          {mention.text !== actor.name && <Field label="Written">“{mention.text}”</Field>}
        </>
      ) : (
        <Text size="sm">“{mention.text}”: not linked to a known actor.</Text>
      )}
    </Stack>
  );
}

function EventFact({ event }: { event: CodedEvent }) {
  const q = quadClass(event.quadClass);
  return (
    <Stack gap={4}>
      <KindHeading kind="event">
        <EventTypeBadge type={event.type} quad={event.quadClass} />
      </KindHeading>
      <Field label="Who">
        <Participants source={event.source} targets={event.targets} />
      </Field>
      <Field label="Coded">
        {event.mode ? `${event.mode}, ` : ''}CAMEO {event.cameo}, {q?.label.toLowerCase() ?? `quad class ${event.quadClass}`}
      </Field>
      <Field label="Date">{when(event.date)}</Field>
      {event.location && (
        <Field label="Place">
          {event.location.place.name}
          {event.location.place.country ? `, ${event.location.place.country}` : ''}
        </Field>
      )}
      <Field label="Status">
        <Group gap={4}>
          <StatusBadge status={event.status} />
          {event.attribution && (
            <span>
              according to <ActorLink actor={event.attribution} />
            </span>
          )}
        </Group>
      </Field>
    </Stack>
  );
}

function QuoteFact({ quote }: { quote: Quote }) {
  const speaker = quote.speaker.actor ?? { name: quote.speaker.name ?? quote.speaker.text, code: null };
  return (
    <Stack gap={4}>
      <KindHeading kind="quote">
        <Text size="xs" c="dimmed">
          {quote.direct ? 'direct' : 'indirect'}
        </Text>
      </KindHeading>
      <Field label="Speaker">
        <ActorLink actor={speaker} />
        {quote.speaker.role ? `, ${quote.speaker.role}` : ''}
      </Field>
      <Field label="Cue">“{quote.cue.text}”</Field>
      {quote.venue && (
        <Field label="Venue">
          {quote.venue.text}
          {quote.venue.organization ? ` (${quote.venue.organization})` : ''}
        </Field>
      )}
      {quote.audience && <Field label="Audience">{quote.audience.text}</Field>}
      <Field label="Date">{when(quote.date)}</Field>
      <Field label="Status">
        <StatusBadge status={quote.status} />
      </Field>
    </Stack>
  );
}

export function FactCard({ facts }: { facts: Fact[] }) {
  return (
    <Stack gap="xs" maw={360} data-testid="fact-card">
      {facts.map((f, i) => (
        <Stack key={`${f.kind}-${f.index}`} gap="xs">
          {i > 0 && <Divider />}
          {f.kind === 'mention' && <MentionFact mention={f.fact} />}
          {f.kind === 'event' && <EventFact event={f.fact} />}
          {f.kind === 'quote' && <QuoteFact quote={f.fact} />}
        </Stack>
      ))}
    </Stack>
  );
}
