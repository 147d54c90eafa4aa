import DescriptionIcon from '@mui/icons-material/Description';
import type { ResourceProps } from 'react-admin';
import { MemorandumCreate } from './MemorandumCreate';
import { MemorandumEdit } from './MemorandumEdit';
import { MemorandumList } from './MemorandumList';
import { MemorandumShow } from './MemorandumShow';

export default {
  name: 'Memorandum',
  list: MemorandumList,
  show: MemorandumShow,
  edit: MemorandumEdit,
  create: MemorandumCreate,
  icon: DescriptionIcon,
  recordRepresentation: 'title',
} satisfies ResourceProps;
