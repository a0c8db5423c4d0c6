import { Trans } from '@lingui/react';
import type { ReactElement } from 'react';
import type { MessageKey, MessageValues } from './messages';

/** A message with markup (`<0>…</0>` in the catalog), rendered by Lingui's Trans. */
export function Message(props: { id: MessageKey; values?: MessageValues; components?: ReactElement[] }) {
  const components = props.components
    ? Object.fromEntries(props.components.map((c, i) => [i, c]))
    : undefined;
  return <Trans id={props.id} values={props.values} components={components} />;
}
