import ContactMailIcon from '@mui/icons-material/ContactMail';
import type { RaRecord, ResourceProps } from 'react-admin';
import { translate } from '../i18n';
import { InformationRequestCreate } from './InformationRequestCreate';
import { InformationRequestEdit } from './InformationRequestEdit';
import { InformationRequestList } from './InformationRequestList';
import { InformationRequestShow } from './InformationRequestShow';

export default {
  name: 'InformationRequest',
  list: InformationRequestList,
  show: InformationRequestShow,
  edit: InformationRequestEdit,
  create: InformationRequestCreate,
  icon: ContactMailIcon,
  recordRepresentation: (record: RaRecord) => translate(`enums.InformationTopic.${record.topic}`),
} satisfies ResourceProps;
