import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import type { ResourceProps } from 'react-admin';
import { OrganizationCreate } from './OrganizationCreate';
import { OrganizationEdit } from './OrganizationEdit';
import { OrganizationList } from './OrganizationList';
import { OrganizationShow } from './OrganizationShow';

export default {
  name: 'Organization',
  list: OrganizationList,
  show: OrganizationShow,
  edit: OrganizationEdit,
  create: OrganizationCreate,
  icon: AccountBalanceIcon,
  recordRepresentation: 'name',
} satisfies ResourceProps;
