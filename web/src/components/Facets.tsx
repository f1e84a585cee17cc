/**
 * Facets: the values of one field among all matching articles, with counts. Choosing a value filters by
 * it; choosing it again (or its ×) lifts the filter.
 */
import { Badge, Box, Button, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';

export interface FacetOption {
  value: string;
  label: string;
  count: number;
  hint?: string;
}

const SHOWN = 8;

export function FacetGroup({
  title,
  options,
  active,
  onSelect,
}: {
  title: string;
  options: FacetOption[];
  active: string | null;
  onSelect: (value: string | null) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  // The active value stays visible even when it has no matches left under the other filters.
  const all = active && !options.some((o) => o.value === active) ? [{ value: active, label: active, count: 0 }, ...options] : options;
  const shown = expanded ? all : all.slice(0, SHOWN);
  const max = Math.max(1, ...all.map((o) => o.count));
  return (
    <Stack gap={2} role="group" aria-label={`${title} facet`} data-testid={`facet-${title.toLowerCase()}`}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={2}>
        {title}
      </Text>
      {all.length === 0 && (
        <Text size="xs" c="dimmed">
          none
        </Text>
      )}
      {shown.map((o) => {
        const selected = o.value === active;
        return (
          <UnstyledButton
            key={o.value}
            onClick={() => onSelect(selected ? null : o.value)}
            aria-pressed={selected}
            title={o.hint ?? (selected ? `Remove the ${title.toLowerCase()} filter` : `Only ${o.label}`)}
            className="facet-option"
            data-selected={selected || undefined}
          >
            <Box className="facet-bar" style={{ width: `${(o.count / max) * 100}%` }} />
            <Group justify="space-between" wrap="nowrap" gap="xs" pos="relative">
              <Text size="sm" truncate fw={selected ? 700 : 400}>
                {o.label}
              </Text>
              <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                <Badge size="sm" variant={selected ? 'filled' : 'light'} color="gray" radius="sm">
                  {o.count}
                </Badge>
                {selected && (
                  <Text size="sm" c="dimmed" aria-hidden>
                    ×
                  </Text>
                )}
              </Group>
            </Group>
          </UnstyledButton>
        );
      })}
      {all.length > SHOWN && (
        <Button variant="subtle" size="compact-xs" onClick={() => setExpanded((e) => !e)} w="fit-content">
          {expanded ? 'Show fewer' : `Show all ${all.length}`}
        </Button>
      )}
    </Stack>
  );
}
