/** One article in a list: its day, its headline (a link to the reader), its outlet. */
import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { articleTitle, formatDate, outletName } from '../lib/format.js';
import { Link } from '../lib/router.js';

export function ArticleLine({ article, children }: { article: { id: string; title: string | null; source: string | null; published: string | null }; children?: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="xs" c="dimmed" w={90} style={{ flexShrink: 0 }}>
        {formatDate(article.published, { time: false })}
      </Text>
      <Text size="sm" fw={600} w={190} truncate style={{ flexShrink: 0 }}>
        {outletName(article.source)}
      </Text>
      <Link to={`/article/${article.id}`} size="sm">
        {articleTitle(article)}
      </Link>
      {children}
    </Group>
  );
}
