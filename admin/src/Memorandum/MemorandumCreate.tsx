import { ResourceCreate } from '../common/views';
import { MemorandumForm } from './MemorandumForm';

export const MemorandumCreate = () => (
  <ResourceCreate>
    <MemorandumForm />
  </ResourceCreate>
);
