import type { ReactElement } from 'react';
import DescriptionIcon from '@mui/icons-material/Description';
import EventAvailableIcon from '@mui/icons-material/EventAvailable';
import FingerprintIcon from '@mui/icons-material/Fingerprint';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import TerminalIcon from '@mui/icons-material/Terminal';
import { Divider, ListItemIcon, ListItemText, ListSubheader, MenuItem } from '@mui/material';
import {
  Menu,
  useCanAccessResources,
  usePermissions,
  useSidebarState,
  useTranslate,
} from 'react-admin';

const MenuGroup = ({ label }: { label: string }) => {
  const [open] = useSidebarState();
  const translate = useTranslate();
  if (!open) return <Divider />;
  return (
    <ListSubheader disableSticky sx={{ lineHeight: 2.5, mt: 1, bgcolor: 'transparent' }}>
      {translate(label)}
    </ListSubheader>
  );
};

const PROGRAM = [
  'Plan',
  'Partnership',
  'InformationRequest',
  'Memorandum',
  'Commitment',
  'ProgressEntry',
  'CounterpartResponsibility',
  'CriterionAssessment',
];
const GROUPS = ['SupportGroup', 'Visit', 'HalfYearReport'];
const HOUSEHOLDS = [
  'Household',
  'Aspiration',
  'HouseProject',
  'HouseProjectFunding',
  'SupportPlan',
  'SupportPlanStep',
  'HouseholdMember',
  'HouseholdCategoryPeriod',
  'PovertyReview',
];
const FUND = ['Fund', 'ContributionRate', 'Contribution', 'Donation', 'Disbursement'];
const STAFF = ['StaffMember', 'StaffAssignment'];
const CATALOG = [
  'AdministrativeUnit',
  'AdministrativeUnitSuccession',
  'Organization',
  'PovertyStandard',
  'CriteriaSet',
  'Criterion',
  'CriterionIndicator',
];
const SYSTEM = ['User', 'AuditEntry', 'AccessLogEntry'];

/** Menu labels shorter than the resource's name, where the menu group already says the rest. */
const SHORT_LABELS: Record<string, string> = { StaffMember: 'app.menu.staff_list' };

const SECTIONS = [
  { label: 'app.menu.program', resources: PROGRAM },
  { label: 'app.menu.groups', resources: GROUPS },
  { label: 'app.menu.households', resources: HOUSEHOLDS },
  { label: 'app.menu.fund', resources: FUND },
  { label: 'app.menu.staff', resources: STAFF },
  { label: 'app.menu.catalog', resources: CATALOG },
  { label: 'app.menu.system', resources: SYSTEM },
];

/** Pages that are not resources, at the end of a section; access follows the resource they serve. */
const PAGES: Record<string, { path: string; label: string; icon: ReactElement }[]> = {
  'app.menu.groups': [{ path: 'reports', label: 'app.menu.reports', icon: <DescriptionIcon /> }],
  'app.menu.fund': [
    { path: 'dues', label: 'app.menu.dues', icon: <EventAvailableIcon /> },
    { path: 'approvals', label: 'app.menu.approvals', icon: <HowToRegIcon /> },
  ],
  'app.menu.system': [
    { path: 'breach-report', label: 'app.menu.breach_report', icon: <ReportProblemIcon /> },
    {
      path: 'citizen-id-duplicates',
      label: 'app.menu.citizen_id_duplicates',
      icon: <FingerprintIcon />,
    },
  ],
};

const MENU_ENTRIES = SECTIONS.flatMap(({ label, resources }) => [
  ...resources,
  ...(PAGES[label] ?? []).map((page) => page.path),
]);

/**
 * The menu by task: the program's work with communes, the support groups' work, the households
 * helped, the fund's money, the staff taking part, the reference lists, then the system's users
 * and logs. Only what the signed-in role may open is listed (authProvider.canAccess); a section
 * with nothing to open is left out, so a viewer sees the dashboard alone.
 */
export const AppMenu = () => {
  const translate = useTranslate();
  const { canAccess } = useCanAccessResources({ action: 'list', resources: MENU_ENTRIES });
  const allowed = (name: string) => canAccess?.[name] === true;
  const { permissions } = usePermissions<string | null>();
  return (
    <Menu>
      <Menu.DashboardItem />
      {(permissions === 'ADMIN' || permissions === 'ANALYST') && (
        // A page of its own outside the admin's hash routes (it loads GraphiQL only when opened).
        <MenuItem component="a" href="/console">
          <ListItemIcon>
            <TerminalIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText primary={translate('app.menu.console')} />
        </MenuItem>
      )}
      {SECTIONS.map(({ label, resources }) => {
        const pages = (PAGES[label] ?? []).filter((page) => allowed(page.path));
        if (!resources.some(allowed) && pages.length === 0) return null;
        return [
          <MenuGroup key={label} label={label} />,
          ...resources.map((name) => (
            <Menu.ResourceItem
              key={name}
              name={name}
              {...(SHORT_LABELS[name] ? { primaryText: translate(SHORT_LABELS[name]) } : {})}
            />
          )),
          ...pages.map((page) => (
            <Menu.Item
              key={page.path}
              to={`/${page.path}`}
              primaryText={translate(page.label)}
              leftIcon={page.icon}
            />
          )),
        ];
      })}
    </Menu>
  );
};
