import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import type { ResourceProps } from 'react-admin';
import { CounterpartResponsibilityCreate } from './CounterpartResponsibilityCreate';
import { CounterpartResponsibilityEdit } from './CounterpartResponsibilityEdit';
import { CounterpartResponsibilityList } from './CounterpartResponsibilityList';
import { CounterpartResponsibilityShow } from './CounterpartResponsibilityShow';

export default {
  name: 'CounterpartResponsibility',
  list: CounterpartResponsibilityList,
  show: CounterpartResponsibilityShow,
  edit: CounterpartResponsibilityEdit,
  create: CounterpartResponsibilityCreate,
  icon: AssignmentIndIcon,
  recordRepresentation: 'description',
} satisfies ResourceProps;
