/** The building blocks every page is laid out with: a page header with its controls, titled panels, a date range. */
import { Group, Paper, Text, TextInput, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end">
      <Title order={1} size="h2">
        {title}
      </Title>
      {children && (
        <Group gap="xs" align="flex-end">
          {children}
        </Group>
      )}
    </Group>
  );
}

/** A titled section of a page; `count` is shown beside the title (how many items it lists). */
export function Panel({ title, count, children, testId, padding = 'md' }: { title?: ReactNode; count?: number; children: ReactNode; testId?: string; padding?: string }) {
  const headingId = useId();
  return (
    <Paper withBorder p={padding} radius="md" component="section" aria-labelledby={title ? headingId : undefined} data-testid={testId}>
      {title && (
        <Title order={2} size="h5" mb="xs" id={headingId}>
          {title}
          {count !== undefined && (
            <Text span c="dimmed" fw={400} size="sm">
              {' '}
              ({count})
            </Text>
          )}
        </Title>
      )}
      {children}
    </Paper>
  );
}

/** The day of a date parameter for a date input, which takes a real YYYY-MM-DD day or nothing. */
function dayOf(value: string | null): string {
  const day = value?.slice(0, 10) ?? '';
  const time = Date.parse(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(day) ? day : '';
}

/** From and To days (YYYY-MM-DD, both inclusive, as the API reads bare dates); empty clears. */
export function DateRange({ since, until, onChange, size = 'xs' }: { since: string | null; until: string | null; onChange: (patch: { since?: string | null; until?: string | null }) => void; size?: 'xs' | 'sm' }) {
  return (
    <>
      <TextInput type="date" label="From" size={size} value={dayOf(since)} onChange={(e) => onChange({ since: e.currentTarget.value || null })} />
      <TextInput type="date" label="To" size={size} value={dayOf(until)} onChange={(e) => onChange({ until: e.currentTarget.value || null })} />
    </>
  );
}
