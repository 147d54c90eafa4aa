import BadgeIcon from '@mui/icons-material/Badge';
import type { ResourceProps } from 'react-admin';
import { StaffMemberCreate } from './StaffMemberCreate';
import { StaffMemberEdit } from './StaffMemberEdit';
import { StaffMemberList } from './StaffMemberList';
import { StaffMemberShow } from './StaffMemberShow';

export default {
  name: 'StaffMember',
  list: StaffMemberList,
  show: StaffMemberShow,
  edit: StaffMemberEdit,
  create: StaffMemberCreate,
  icon: BadgeIcon,
  recordRepresentation: 'fullName',
} satisfies ResourceProps;
