import { lazy, Suspense, type Attributes, type ComponentType } from 'react';
import { CssBaseline } from '@mui/material';
import {
  AdminContext,
  CoreAdminUI,
  LoadingPage,
  localStorageStore,
  Login,
  Notification,
} from 'react-admin';
import { i18nProvider } from './i18n';
import { darkTheme, lightTheme } from './layout/theme';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/lazyDataProvider';

/**
 * A screen loaded on first display. (react-admin wraps the page inside its layout in Suspense, but
 * not the layout and the error pages themselves.)
 */
function later<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Screen = lazy(() => load().then((component) => ({ default: component })));
  // Typed loosely outside: react-admin's own prop types for these slots disagree with its pages'.
  const Later = (props: object) => (
    <Suspense fallback={<LoadingPage />}>
      <Screen {...(props as P & Attributes)} />
    </Suspense>
  );
  return Later;
}

// PERF: the sign-in page needs only react-admin's context and its login form. The layout (app
// bar, menu), the dashboard, the screens, the error pages and the GraphQL client arrive once
// someone has signed in: react-admin resolves an async child after sign-in.
const AppLayout = later(() => import('./layout/AppLayout').then((m) => m.AppLayout));
const Dashboard = lazy(() =>
  import('./dashboard/Dashboard').then((module) => ({ default: module.Dashboard })),
);
const NotFound = later(() => import('./shellPages').then((m) => m.NotFound));
const ErrorPage = later(() => import('./shellPages').then((m) => m.Error));
const AccessDenied = later(() => import('./shellPages').then((m) => m.AccessDenied));
const AuthenticationError = later(() => import('./shellPages').then((m) => m.AuthenticationError));
const AuthCallback = later(() => import('./shellPages').then((m) => m.AuthCallback));

/** Preferences (theme, language, list columns) kept in the browser, as `<Admin>` does. */
const store = localStorageStore();

const signedInScreens = (permissions: unknown) =>
  permissions ? import('./resources').then((module) => module.resources) : null;

/** As react-admin's `<Admin>` is made (AdminContext + AdminUI), with the heavy parts deferred. */
export const App = () => (
  <AdminContext
    authProvider={authProvider}
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    store={store}
    theme={lightTheme}
    darkTheme={darkTheme}
  >
    <CssBaseline enableColorScheme>
      <CoreAdminUI
        disableTelemetry
        requireAuth
        title="Kế hoạch 68"
        dashboard={Dashboard}
        layout={AppLayout}
        loginPage={Login}
        loading={LoadingPage}
        catchAll={NotFound}
        error={ErrorPage}
        accessDenied={AccessDenied}
        authenticationError={AuthenticationError}
        authCallbackPage={AuthCallback}
      >
        {signedInScreens}
      </CoreAdminUI>
      <Notification />
    </CssBaseline>
  </AdminContext>
);
