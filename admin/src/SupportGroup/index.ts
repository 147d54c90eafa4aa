import GroupsIcon from '@mui/icons-material/Groups';
import type { ResourceProps } from 'react-admin';
import { SupportGroupCreate } from './SupportGroupCreate';
import { SupportGroupEdit } from './SupportGroupEdit';
import { SupportGroupList } from './SupportGroupList';
import { SupportGroupShow } from './SupportGroupShow';

export default {
  name: 'SupportGroup',
  list: SupportGroupList,
  show: SupportGroupShow,
  edit: SupportGroupEdit,
  create: SupportGroupCreate,
  icon: GroupsIcon,
  recordRepresentation: 'name',
} satisfies ResourceProps;
