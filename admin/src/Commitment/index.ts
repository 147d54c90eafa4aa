import ChecklistIcon from '@mui/icons-material/Checklist';
import type { ResourceProps } from 'react-admin';
import { CommitmentCreate } from './CommitmentCreate';
import { CommitmentEdit } from './CommitmentEdit';
import { CommitmentList } from './CommitmentList';
import { CommitmentShow } from './CommitmentShow';

export default {
  name: 'Commitment',
  list: CommitmentList,
  show: CommitmentShow,
  edit: CommitmentEdit,
  create: CommitmentCreate,
  icon: ChecklistIcon,
  recordRepresentation: 'title',
} satisfies ResourceProps;
