import SummarizeIcon from '@mui/icons-material/Summarize';
import type { ResourceProps } from 'react-admin';
import { halfYearOf } from '../common/representations';
import { HalfYearReportCreate } from './HalfYearReportCreate';
import { HalfYearReportEdit } from './HalfYearReportEdit';
import { HalfYearReportList } from './HalfYearReportList';
import { HalfYearReportShow } from './HalfYearReportShow';

export default {
  name: 'HalfYearReport',
  list: HalfYearReportList,
  show: HalfYearReportShow,
  edit: HalfYearReportEdit,
  create: HalfYearReportCreate,
  icon: SummarizeIcon,
  recordRepresentation: halfYearOf,
} satisfies ResourceProps;
