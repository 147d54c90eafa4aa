import PlaylistAddCheckIcon from '@mui/icons-material/PlaylistAddCheck';
import type { ResourceProps } from 'react-admin';
import { SupportPlanStepCreate } from './SupportPlanStepCreate';
import { SupportPlanStepEdit } from './SupportPlanStepEdit';
import { SupportPlanStepList } from './SupportPlanStepList';
import { SupportPlanStepShow } from './SupportPlanStepShow';

export default {
  name: 'SupportPlanStep',
  list: SupportPlanStepList,
  show: SupportPlanStepShow,
  edit: SupportPlanStepEdit,
  create: SupportPlanStepCreate,
  icon: PlaylistAddCheckIcon,
  recordRepresentation: 'description',
} satisfies ResourceProps;
