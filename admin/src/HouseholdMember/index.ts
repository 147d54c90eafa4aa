import PersonIcon from '@mui/icons-material/Person';
import type { ResourceProps } from 'react-admin';
import { HouseholdMemberCreate } from './HouseholdMemberCreate';
import { HouseholdMemberEdit } from './HouseholdMemberEdit';
import { HouseholdMemberList } from './HouseholdMemberList';
import { HouseholdMemberShow } from './HouseholdMemberShow';

export default {
  name: 'HouseholdMember',
  list: HouseholdMemberList,
  show: HouseholdMemberShow,
  edit: HouseholdMemberEdit,
  create: HouseholdMemberCreate,
  icon: PersonIcon,
  recordRepresentation: 'fullName',
} satisfies ResourceProps;
