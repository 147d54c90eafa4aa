import { ResourceEdit } from '../common/views';
import { PovertyReviewForm } from './PovertyReviewForm';

export const PovertyReviewEdit = () => (
  <ResourceEdit>
    <PovertyReviewForm />
  </ResourceEdit>
);
