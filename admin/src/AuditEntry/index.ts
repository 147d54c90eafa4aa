import HistoryIcon from '@mui/icons-material/History';
import type { ResourceProps } from 'react-admin';
import { AuditEntryList } from './AuditEntryList';
import { AuditEntryShow } from './AuditEntryShow';

export default {
  name: 'AuditEntry',
  list: AuditEntryList,
  show: AuditEntryShow,
  icon: HistoryIcon,
  recordRepresentation: (entry) => `#${entry.id}`,
} satisfies ResourceProps;
