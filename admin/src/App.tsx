import { Admin, Resource } from 'react-admin';
import AdministrativeUnit from './AdministrativeUnit';
import Commitment from './Commitment';
import CounterpartResponsibility from './CounterpartResponsibility';
import { Dashboard } from './dashboard/Dashboard';
import { i18nProvider } from './i18n';
import InformationRequest from './InformationRequest';
import { AppLayout } from './layout/AppLayout';
import { darkTheme, lightTheme } from './layout/theme';
import Memorandum from './Memorandum';
import Organization from './Organization';
import Partnership from './Partnership';
import Plan from './Plan';
import ProgressEntry from './ProgressEntry';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';

export const App = () => (
  <Admin
    disableTelemetry
    requireAuth
    title="Kế hoạch 68"
    dashboard={Dashboard}
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={AppLayout}
    theme={lightTheme}
    darkTheme={darkTheme}
  >
    <Resource {...Plan} />
    <Resource {...Partnership} />
    <Resource {...InformationRequest} />
    <Resource {...Memorandum} />
    <Resource {...Commitment} />
    <Resource {...ProgressEntry} />
    <Resource {...CounterpartResponsibility} />
    <Resource {...AdministrativeUnit} />
    <Resource {...Organization} />
  </Admin>
);
