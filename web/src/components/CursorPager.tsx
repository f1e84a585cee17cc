/** "Next page" over a cursor list route; the first page is a link back without a cursor. */
import { Button, Group } from '@mantine/core';

export function CursorPager({ cursor, nextCursor, onCursor }: { cursor: string | null; nextCursor: string | null; onCursor: (cursor: string | null) => void }) {
  if (!cursor && !nextCursor) return null;
  return (
    <Group justify="space-between">
      <Button variant="default" size="xs" disabled={!cursor} onClick={() => onCursor(null)}>
        ← First page
      </Button>
      <Button variant="default" size="xs" disabled={!nextCursor} onClick={() => onCursor(nextCursor)}>
        Next →
      </Button>
    </Group>
  );
}
