import { ResourceEdit } from '../common/views';
import { MemorandumForm } from './MemorandumForm';

export const MemorandumEdit = () => (
  <ResourceEdit>
    <MemorandumForm />
  </ResourceEdit>
);
