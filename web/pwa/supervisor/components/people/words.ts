// The words the people pages share: a cadre's role in the village (glossary: firstSecretary,
// teamMember) and the level that sent them.
import { defineTexts } from '../../../shared/i18n';

export const peopleWords = defineTexts(
  {
    firstSecretary: '第一书记',
    teamMember: '驻村工作队员',
    province: '省级选派',
    city: '市（州）级选派',
    county: '县级选派',
    township: '乡级选派',
    inPost: '在岗',
    notInPost: '已离任',
  },
  {
    firstSecretary: 'First secretary',
    teamMember: 'Team member',
    province: 'Sent by the province',
    city: 'Sent by the prefecture',
    county: 'Sent by the county',
    township: 'Sent by the township',
    inPost: 'In post',
    notInPost: 'Left the post',
  },
);
