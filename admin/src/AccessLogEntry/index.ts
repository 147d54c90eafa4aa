import PolicyIcon from '@mui/icons-material/Policy';
import type { ResourceProps } from 'react-admin';
import { AccessLogEntryList } from './AccessLogEntryList';
import { AccessLogEntryShow } from './AccessLogEntryShow';

export default {
  name: 'AccessLogEntry',
  list: AccessLogEntryList,
  show: AccessLogEntryShow,
  icon: PolicyIcon,
  recordRepresentation: (entry) => `#${entry.id}`,
} satisfies ResourceProps;
