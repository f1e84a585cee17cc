/** Small coded labels: an event type coloured by its quad class, a claim status, an actor link. */
import { Badge, Tooltip } from '@mantine/core';
import type { ActorRef } from '../lib/api-types.js';
import { actorLabel } from '../lib/format.js';
import { Link } from '../lib/router.js';
import { quadClass, STATUS_COLORS, STATUS_MEANING } from '../lib/vocabulary.js';

export function EventTypeBadge({ type, quad }: { type: string; quad: number }) {
  const q = quadClass(quad);
  return (
    <Tooltip label={q ? `${q.label} (PLOVER quad class ${q.id})` : type} withArrow>
      <Badge color={q?.color ?? 'gray'} variant="filled" radius="sm" tt="none">
        {type}
      </Badge>
    </Tooltip>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <Tooltip label={STATUS_MEANING[status] ?? status} withArrow>
      <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" radius="sm" tt="none">
        {status}
      </Badge>
    </Tooltip>
  );
}

/** An actor named with its code, linked to its page when it has a code. */
export function ActorLink({ actor }: { actor: Pick<ActorRef, 'name' | 'code'> }) {
  if (!actor.code) return <span>{actor.name}</span>;
  return (
    <Link to={`/actor/${encodeURIComponent(actor.code)}`} title={actor.code}>
      {actorLabel(actor)}
    </Link>
  );
}

/** "Russia → North Korea, China": who acted on whom. */
export function Participants({ source, targets }: { source: Pick<ActorRef, 'name' | 'code'>; targets: Pick<ActorRef, 'name' | 'code'>[] }) {
  return (
    <span>
      <ActorLink actor={source} />
      {targets.length > 0 && ' → '}
      {targets.map((t, i) => (
        <span key={`${t.code ?? t.name}-${i}`}>
          {i > 0 && ', '}
          <ActorLink actor={t} />
        </span>
      ))}
    </span>
  );
}
