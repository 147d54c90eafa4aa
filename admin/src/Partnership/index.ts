import HandshakeIcon from '@mui/icons-material/Handshake';
import type { ResourceProps } from 'react-admin';
import { PartnershipCreate } from './PartnershipCreate';
import { PartnershipEdit } from './PartnershipEdit';
import { PartnershipList } from './PartnershipList';
import { PartnershipShow } from './PartnershipShow';

export default {
  name: 'Partnership',
  list: PartnershipList,
  show: PartnershipShow,
  edit: PartnershipEdit,
  create: PartnershipCreate,
  icon: HandshakeIcon,
  recordRepresentation: 'name',
} satisfies ResourceProps;
