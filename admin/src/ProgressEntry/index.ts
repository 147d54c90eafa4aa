import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import type { ResourceProps } from 'react-admin';
import { ProgressEntryCreate } from './ProgressEntryCreate';
import { ProgressEntryEdit } from './ProgressEntryEdit';
import { ProgressEntryList } from './ProgressEntryList';
import { ProgressEntryShow } from './ProgressEntryShow';

export default {
  name: 'ProgressEntry',
  list: ProgressEntryList,
  show: ProgressEntryShow,
  edit: ProgressEntryEdit,
  create: ProgressEntryCreate,
  icon: TrendingUpIcon,
  recordRepresentation: 'description',
} satisfies ResourceProps;
