import { lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { canAdminister, Header } from './components/Header';
import { Loading } from './components/ProblemAlert';
import { CalendarYearsPage } from './features/admin/CalendarYearsPage';
import { UsersPage } from './features/admin/UsersPage';
import { useT } from './i18n';
import { AuditPage } from './pages/AuditPage';
import { BoardPage } from './pages/BoardPage';
import { DecisionPage } from './pages/DecisionPage';
import { InboxPage } from './pages/InboxPage';
import { LoginPage } from './pages/LoginPage';
import { NewProposalPage } from './pages/NewProposalPage';
import { RegistryPage } from './pages/RegistryPage';
import { WorkPage } from './pages/WorkPage';
import { ReferenceProvider } from './reference';
import { useSession } from './session';

/** The dashboard brings in the charting library: loaded only when opened. */
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));

function NotFound() {
  const { t } = useT();
  return (
    <section className="page">
      <h1>{t('notFound')}</h1>
      <Link to="/">{t('backHome')}</Link>
    </section>
  );
}

/** Routes: the login page for visitors, the application for signed-in users. */
export function App() {
  const { user } = useSession();
  const { t } = useT();
  const location = useLocation();
  const navigate = useNavigate();

  if (!user) {
    const from = location.pathname === '/login' ? '/' : location.pathname + location.search;
    return (
      <Routes>
        <Route path="*" element={<LoginPage onLoggedIn={() => navigate(from, { replace: true })} />} />
      </Routes>
    );
  }
  return (
    <ReferenceProvider>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<BoardPage />} />
          <Route path="/login" element={<Navigate to="/" replace />} />
          <Route path="/work" element={<WorkPage />} />
          <Route path="/decisions/:id" element={<DecisionPage />} />
          <Route path="/proposals/new" element={<NewProposalPage />} />
          <Route path="/inbox" element={<InboxPage />} />
          <Route path="/registry" element={<RegistryPage />} />
          <Route path="/dashboard" element={<Suspense fallback={<Loading />}><DashboardPage /></Suspense>} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="/audit/:id" element={<AuditPage />} />
          {canAdminister(user.role) && <Route path="/admin/users" element={<UsersPage />} />}
          {canAdminister(user.role) && <Route path="/admin/calendar" element={<CalendarYearsPage />} />}
          {canAdminister(user.role) && <Route path="/admin/calendar/:year" element={<CalendarYearsPage />} />}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </ReferenceProvider>
  );
}
