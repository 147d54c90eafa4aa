import WorkHistoryIcon from '@mui/icons-material/WorkHistory';
import type { ResourceProps } from 'react-admin';
import { enumWithDate } from '../common/representations';
import { StaffAssignmentCreate } from './StaffAssignmentCreate';
import { StaffAssignmentEdit } from './StaffAssignmentEdit';
import { StaffAssignmentList } from './StaffAssignmentList';
import { StaffAssignmentShow } from './StaffAssignmentShow';

export default {
  name: 'StaffAssignment',
  list: StaffAssignmentList,
  show: StaffAssignmentShow,
  edit: StaffAssignmentEdit,
  create: StaffAssignmentCreate,
  icon: WorkHistoryIcon,
  recordRepresentation: enumWithDate('TitleRank', 'titleRank', 'validFrom'),
} satisfies ResourceProps;
