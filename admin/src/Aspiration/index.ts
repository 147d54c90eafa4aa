import RecordVoiceOverIcon from '@mui/icons-material/RecordVoiceOver';
import type { ResourceProps } from 'react-admin';
import { AspirationCreate } from './AspirationCreate';
import { AspirationEdit } from './AspirationEdit';
import { AspirationList } from './AspirationList';
import { AspirationShow } from './AspirationShow';

export default {
  name: 'Aspiration',
  list: AspirationList,
  show: AspirationShow,
  edit: AspirationEdit,
  create: AspirationCreate,
  icon: RecordVoiceOverIcon,
  recordRepresentation: 'content',
} satisfies ResourceProps;
