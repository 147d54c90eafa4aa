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
const CATALOG = ['AdministrativeUnit', 'Organization'];

/** The menu by task: the program's work first, then the reference lists. */
export const AppMenu = () => (
  <Menu>
    <Menu.DashboardItem />
    <MenuGroup label="app.menu.program" />
    {PROGRAM.map((name) => (
      <Menu.ResourceItem key={name} name={name} />
    ))}
    <MenuGroup label="app.menu.catalog" />
    {CATALOG.map((name) => (
      <Menu.ResourceItem key={name} name={name} />
    ))}
  </Menu>
);
