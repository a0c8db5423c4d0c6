import type { Right } from '@tenant-sessions/contracts';
import * as React from 'react';
import * as ReactDOMClient from 'react-dom/client';
import { registerApplication, start } from 'single-spa';
import singleSpaReact from 'single-spa-react';
import { createAuth } from './auth';
import { CONSOLE_CSS } from './consoleCss';
import { Frame, RIGHTS_KEY } from './Frame';
import { createConsoleI18n, initialLanguage } from './i18n/language';

/**
 * The demo console's single-spa root config. In demo mode (the page says so) MSW's worker starts
 * first and answers the sidecar's calls; otherwise the sidecar that served the page answers.
 */
const DEMO = '@tenant-sessions/demo';

function initialRights(): Right[] {
  const asked =
    new URLSearchParams(window.location.search).get('rights') ?? sessionStorage.getItem(RIGHTS_KEY);
  return asked === 'read' ? ['read'] : ['read', 'kill'];
}

async function boot() {
  const mode = document.querySelector('meta[name="tenant-sessions-mode"]')?.getAttribute('content') ?? 'live';
  if (mode === 'demo') {
    const demo = (await import(/* webpackIgnore: true */ DEMO)) as { startDemo: () => Promise<void> };
    await demo.startDemo();
  }
  const style = document.createElement('style');
  style.textContent = CONSOLE_CSS;
  document.head.appendChild(style);

  const auth = createAuth(initialRights());
  const frame = singleSpaReact({
    React,
    ReactDOMClient,
    rootComponent: Frame,
    domElementGetter: () => document.getElementById('console') ?? document.body,
    errorBoundary: (error: Error) => (
      <p>{createConsoleI18n(initialLanguage())._('failed', { message: error.message })}</p>
    ),
  });
  registerApplication({
    name: '@console/frame',
    app: frame,
    activeWhen: () => true,
    customProps: { auth, mode },
  });
  start();
}

void boot();
