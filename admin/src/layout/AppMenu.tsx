import EventAvailableIcon from '@mui/icons-material/EventAvailable';
import { Divider, ListSubheader } from '@mui/material';
import { Menu, useSidebarState, useTranslate } from 'react-admin';

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
];
const GROUPS = ['SupportGroup', 'Visit', 'HalfYearReport'];
const HOUSEHOLDS = [
  'Household',
  'Aspiration',
  'SupportPlan',
  'SupportPlanStep',
  'HouseholdMember',
  'HouseholdCategoryPeriod',
  'PovertyReview',
];
const FUND = ['Fund', 'ContributionRate', 'Contribution', 'Donation', 'Disbursement'];
const STAFF = ['StaffMember', 'StaffAssignment'];
const CATALOG = ['AdministrativeUnit', 'Organization'];

/** Menu labels shorter than the resource's name, where the menu group already says the rest. */
const SHORT_LABELS: Record<string, string> = { StaffMember: 'app.menu.staff_list' };

const SECTIONS = [
  { label: 'app.menu.program', resources: PROGRAM },
  { label: 'app.menu.groups', resources: GROUPS },
  { label: 'app.menu.households', resources: HOUSEHOLDS },
  { label: 'app.menu.fund', resources: FUND },
  { label: 'app.menu.staff', resources: STAFF },
  { label: 'app.menu.catalog', resources: CATALOG },
];

/**
 * The menu by task: the program's work with communes, the support groups' work, the households
 * helped, the fund's money, the staff taking part, then the reference lists.
 */
export const AppMenu = () => {
  const translate = useTranslate();
  return (
    <Menu>
      <Menu.DashboardItem />
      {SECTIONS.map(({ label, resources }) => [
        <MenuGroup key={label} label={label} />,
        ...resources.map((name) => (
          <Menu.ResourceItem
            key={name}
            name={name}
            {...(SHORT_LABELS[name] ? { primaryText: translate(SHORT_LABELS[name]) } : {})}
          />
        )),
        ...(resources === FUND
          ? [
              <Menu.Item
                key="dues"
                to="/dues"
                primaryText={translate('app.menu.dues')}
                leftIcon={<EventAvailableIcon />}
              />,
            ]
          : []),
      ])}
    </Menu>
  );
};
