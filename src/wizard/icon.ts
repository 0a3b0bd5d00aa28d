import { LabIcon } from '@jupyterlab/ui-components';

import scheduleSvg from '../../style/icons/schedule.svg';

export const scheduleIcon = new LabIcon({
  name: 'nbschedule:schedule',
  svgstr: scheduleSvg
});
