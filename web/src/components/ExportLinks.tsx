/**
 * Downloads of the store's data: events in the GDELT 2.0 column layout (CSV) and every collection as
 * JSON Lines. Plain links with `download`, so the browser streams the file instead of the page fetching it.
 */
import { Anchor, Button, Group, Menu, Text } from '@mantine/core';
import { apiPath, type QueryValue } from '../lib/api.js';

const COLLECTIONS = ['articles', 'events', 'quotes', 'mentions', 'stories'] as const;

export function ExportMenu() {
  return (
    <Menu position="bottom-end" withArrow shadow="md">
      <Menu.Target>
        <Button variant="default" size="xs" aria-label="Export data">
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Whole store</Menu.Label>
        <Menu.Item component="a" href="/api/export/events.csv" download>
          Events, GDELT 2.0 CSV
        </Menu.Item>
        {COLLECTIONS.map((name) => (
          <Menu.Item key={name} component="a" href={`/api/export/${name}.jsonl`} download>
            {name[0]!.toUpperCase() + name.slice(1)}, JSON Lines
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The events behind the current filters, in both formats. */
export function EventExportLinks({ filters }: { filters: Record<string, QueryValue> }) {
  return (
    <Group gap="xs" data-testid="event-export">
      <Text size="sm" c="dimmed">
        Export these events:
      </Text>
      <Anchor size="sm" href={apiPath('/api/export/events.csv', filters)} download>
        GDELT CSV
      </Anchor>
      <Text size="sm" c="dimmed">
        ·
      </Text>
      <Anchor size="sm" href={apiPath('/api/export/events.jsonl', filters)} download>
        JSON Lines
      </Anchor>
    </Group>
  );
}
