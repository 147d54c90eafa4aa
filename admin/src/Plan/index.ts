import AssignmentIcon from '@mui/icons-material/Assignment';
import type { ResourceProps } from 'react-admin';
import { PlanCreate } from './PlanCreate';
import { PlanEdit } from './PlanEdit';
import { PlanList } from './PlanList';
import { PlanShow } from './PlanShow';

export default {
  name: 'Plan',
  list: PlanList,
  show: PlanShow,
  edit: PlanEdit,
  create: PlanCreate,
  icon: AssignmentIcon,
  recordRepresentation: 'code',
} satisfies ResourceProps;
