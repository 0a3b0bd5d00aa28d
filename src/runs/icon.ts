import { LabIcon } from '@jupyterlab/ui-components';

import runsSvg from '../../style/icons/runs.svg';

export const runsIcon = new LabIcon({
  name: 'nbschedule:runs',
  svgstr: runsSvg
});
