import AssignmentIcon from '@mui/icons-material/Assignment';
import type { ResourceProps } from 'react-admin';
import { SupportPlanCreate } from './SupportPlanCreate';
import { SupportPlanEdit } from './SupportPlanEdit';
import { SupportPlanList } from './SupportPlanList';
import { SupportPlanShow } from './SupportPlanShow';

export default {
  name: 'SupportPlan',
  list: SupportPlanList,
  show: SupportPlanShow,
  edit: SupportPlanEdit,
  create: SupportPlanCreate,
  icon: AssignmentIcon,
  recordRepresentation: 'title',
} satisfies ResourceProps;
