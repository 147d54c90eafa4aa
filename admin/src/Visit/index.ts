import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import type { RaRecord, ResourceProps } from 'react-admin';
import { formatDay } from '../common/formatters';
import { VisitCreate } from './VisitCreate';
import { VisitEdit } from './VisitEdit';
import { VisitList } from './VisitList';
import { VisitShow } from './VisitShow';

export default {
  name: 'Visit',
  list: VisitList,
  show: VisitShow,
  edit: VisitEdit,
  create: VisitCreate,
  icon: DirectionsWalkIcon,
  recordRepresentation: (record: RaRecord) => formatDay(record.visitDate),
} satisfies ResourceProps;
