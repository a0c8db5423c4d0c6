import { I18nProvider } from '@lingui/react';
import type { Right } from '@tenant-sessions/contracts';
import { useEffect, useLayoutEffect, useState } from 'react';
import { catalogLocaleOf } from '../src/i18n/locale';
import type { Auth } from './auth';
import { type Cluster, loadCatalog } from './catalog';
import {
  createConsoleI18n,
  initialLanguage,
  rememberLanguage,
  showLanguage,
  useConsoleT,
} from './i18n/language';
import { Nav } from './Nav';
import { Overview } from './Overview';
import { SessionsPage } from './SessionsPage';
import { useRoute } from './useRoute';

export const RIGHTS_KEY = 'console-demo-rights';

type Props = { auth: Auth; mode: string };

/** The console in the operator's language (the top bar's switch, or `?lang=zh-CN`). */
export function Frame(props: Props) {
  const [language, setLanguage] = useState(initialLanguage);
  const [i18n] = useState(() => createConsoleI18n(language));
  useLayoutEffect(() => showLanguage(i18n, language), [i18n, language]);
  const choose = (tag: string) => {
    rememberLanguage(tag);
    setLanguage(tag);
  };
  return (
    <I18nProvider i18n={i18n}>
      <Console {...props} language={language} onLanguage={choose} />
    </I18nProvider>
  );
}

/** The console frame: top bar (operator, read-only and language switches), navigation, the page. */
function Console({
  auth,
  mode,
  language,
  onLanguage,
}: Props & { language: string; onLanguage: (tag: string) => void }) {
  const t = useConsoleT();
  const route = useRoute();
  const [epoch, setEpoch] = useState(0);
  const [operator, setOperator] = useState('');
  const [clusters, setClusters] = useState<Cluster[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const readOnly = !auth.rights().includes('kill');

  // biome-ignore lint/correctness/useExhaustiveDependencies: epoch is the reason to sign in again
  useEffect(() => {
    let live = true;
    auth.operator().then(
      (o) => live && setOperator(o),
      () => undefined,
    );
    loadCatalog(auth.getAuthToken).then(
      (c) => live && setClusters(c),
      (e: Error) => live && setProblem(e.message),
    );
    return () => {
      live = false;
    };
  }, [auth, epoch]);

  const switchRights = (next: Right[]) => {
    sessionStorage.setItem(RIGHTS_KEY, next.join(','));
    auth.setRights(next);
    setEpoch((e) => e + 1);
  };

  return (
    <div className="console">
      <header className="console-bar">
        <span className="console-brand">{t('brand')}</span>
        {mode === 'demo' && <span className="console-badge">{t('demoBadge')}</span>}
        <span className="console-spacer" />
        <label className="console-switch">
          <input
            type="checkbox"
            checked={readOnly}
            onChange={(e) => switchRights(e.target.checked ? ['read'] : ['read', 'kill'])}
          />
          {t('readOnly')}
        </label>
        <label className="console-switch">
          {t('language')}
          <select
            className="console-select"
            value={catalogLocaleOf(language)}
            onChange={(e) => onLanguage(e.target.value)}
          >
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
        </label>
        <span className="console-user">{operator}</span>
      </header>
      <div className="console-body">
        <Nav clusters={clusters ?? []} route={route} />
        <main className="console-main" key={epoch}>
          {problem && <p className="console-problem">{t('listFailed', { problem })}</p>}
          <Page route={route} auth={auth} clusters={clusters ?? []} language={language} />
        </main>
      </div>
    </div>
  );
}

function Page({
  route,
  auth,
  clusters,
  language,
}: {
  route: ReturnType<typeof useRoute>;
  auth: Auth;
  clusters: Cluster[];
  language: string;
}) {
  const t = useConsoleT();
  const cluster = (id: string) => clusters.find((c) => c.clusterId === id)?.clusterName ?? id;
  switch (route.page) {
    case 'overview':
      return <Overview clusters={clusters} />;
    case 'tenant-sessions':
      return (
        <SessionsPage
          auth={auth}
          clusterId={route.clusterId}
          tenantId={route.tenantId}
          locale={language}
          title={t('tenantNamed', { tenant: route.tenantId })}
          trail={[t('trail.clusters'), cluster(route.clusterId), t('trail.tenants'), route.tenantId]}
          tabs={[t('tab.overview'), t('tab.sessions'), t('tab.parameters')]}
        />
      );
    case 'diagnostics':
      return (
        <SessionsPage
          auth={auth}
          clusterId={route.clusterId}
          locale={language}
          title={t('diagnostics')}
          trail={[
            t('trail.diagnostics'),
            cluster(route.clusterId),
            t('tab.sessions'),
            t('trail.tenantSession'),
          ]}
          tabs={[t('tab.sqlDiagnostics'), t('tab.sessions'), t('tab.locks')]}
        />
      );
    default:
      return <p>{t('noPage', { path: route.path })}</p>;
  }
}
