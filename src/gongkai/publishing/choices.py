"""The vocabularies of an information item: the categories of 条例第二十、二十一条, topic and genre, validity,
the document kind table 二 第（一）项 counts, and the conclusions and grounds of the confidentiality review."""

from __future__ import annotations

from django.db import models


class Article20(models.TextChoices):
    """The 15 categories of 条例第二十条 that every agency publishes proactively, in the law's order."""

    RULES = "rules", "（一）行政法规、规章和规范性文件"
    ORGANISATION = "organisation", "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
    PLANNING = "planning", "（三）国民经济和社会发展规划、专项规划、区域规划及相关政策"
    STATISTICS = "statistics", "（四）国民经济和社会发展统计信息"
    SERVICES = "services", "（五）行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"
    ENFORCEMENT = "enforcement", "（六）行政处罚、行政强制的依据、条件、程序以及有一定社会影响的行政处罚决定"
    BUDGET = "budget", "（七）财政预算、决算信息"
    FEES = "fees", "（八）行政事业性收费项目及其依据、标准"
    PROCUREMENT = "procurement", "（九）政府集中采购项目的目录、标准及实施情况"
    PROJECTS = "projects", "（十）重大建设项目的批准和实施情况"
    LIVELIHOOD = "livelihood", "（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"
    EMERGENCY = "emergency", "（十二）突发公共事件的应急预案、预警信息及应对情况"
    SUPERVISION = "supervision", "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"
    CIVIL_SERVICE = "civil_service", "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果"
    OTHER = "other", "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"


ARTICLE20_NUMBER = {key: n for n, key in enumerate(Article20.values, start=1)}
"""Category key → its item number in 第二十条 (1–15), for index-number rules that use a number."""


class Article21(models.TextChoices):
    """The additional categories of 条例第二十一条 (设区的市级、县级人民政府及其部门; 乡（镇）人民政府)."""

    URBAN_MATTERS = "urban_matters", "城乡建设和管理的重大事项"
    PUBLIC_WELFARE = "public_welfare", "社会公益事业建设情况"
    EXPROPRIATION = "expropriation", "征收或者征用土地、房屋征收及其补偿、补助费用的发放、使用情况"
    RELIEF = "relief", "抢险救灾、优抚、救济、社会捐助等款物的管理、使用和分配情况"
    RURAL_POLICY = "rural_policy", "贯彻落实农业农村政策的情况（乡镇）"
    TOWNSHIP_FINANCE = "township_finance", "财政收支、各类专项资金的管理和使用情况（乡镇）"
    LAND_USE = "land_use", "乡（镇）国土空间规划、宅基地使用的审核情况（乡镇）"
    TOWNSHIP_DEBT = "township_debt", "乡（镇）的债权债务、筹资筹劳情况（乡镇）"
    TOWNSHIP_RELIEF = "township_relief", "乡（镇）抢险救灾、优抚、救济、社会捐助等款物的发放情况（乡镇）"


class Topic(models.TextChoices):
    """主题分类 (the catalogue's subject headings)."""

    EMPLOYMENT = "employment", "就业创业"
    SOCIAL_SECURITY = "social_security", "社会保障"
    LABOUR_RELATIONS = "labour_relations", "劳动关系"
    TALENT = "talent", "人事人才"
    HOUSING = "housing", "住房保障"
    CONSTRUCTION = "construction", "城乡建设"
    GENERAL = "general", "综合政务"
    FINANCE = "finance", "财政信息"
    OTHER = "other", "其他"


class Genre(models.TextChoices):
    """体裁."""

    NOTICE = "notice", "通知"
    ANNOUNCEMENT = "announcement", "公告"
    DECISION = "decision", "决定"
    OPINION = "opinion", "意见"
    MEASURES = "measures", "办法"
    PROVISIONS = "provisions", "规定"
    PLAN = "plan", "规划计划"
    REPORT = "report", "报告"
    STATISTICS = "statistics", "统计数据"
    LIST = "list", "名单目录"
    INTERPRETATION_TEXT = "interpretation_text", "文字解读"
    INTERPRETATION_GRAPHIC = "interpretation_graphic", "图解"
    INTERPRETATION_MEDIA = "interpretation_media", "音视频解读"
    OTHER = "other", "其他"


INTERPRETATION_GENRES = (Genre.INTERPRETATION_TEXT, Genre.INTERPRETATION_GRAPHIC, Genre.INTERPRETATION_MEDIA)
"""The 体裁 of a 政策解读: an item of one of them may name the items it interprets (InformationItemPage.interprets)."""


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class DocumentKind(models.TextChoices):
    """What table 二 第（一）项 counts: 规章, 行政规范性文件, or neither."""

    RULES = "rules", "规章"
    NORMATIVE = "normative_documents", "行政规范性文件"
    OTHER = "other", "其他"


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"


class Conclusion(models.TextChoices):
    """The confidentiality review's conclusion (保密审查结论)."""

    PUBLISHABLE = "publishable", "可公开"
    PARTIAL = "partial", "部分公开"
    WITHHELD = "withheld", "不予公开"


class Ground(models.TextChoices):
    """Grounds for not disclosing (条例第十四、十五、十六条); keys match the report's ``withheld.*`` rows."""

    STATE_SECRET = "state_secret", "属于国家秘密（第十四条）"
    PROHIBITED_BY_LAW = "prohibited_by_law", "法律、行政法规禁止公开（第十四条）"
    SECURITY_STABILITY = "security_stability", "危及国家安全、公共安全、经济安全、社会稳定（第十四条）"
    THIRD_PARTY = "third_party", "涉及商业秘密、个人隐私等第三方合法权益（第十五条）"
    INTERNAL_AFFAIRS = "internal_affairs", "内部事务信息（第十六条第一款）"
    PROCESS_INFO = "process_info", "过程性信息（第十六条第二款）"
    ENFORCEMENT_FILE = "enforcement_file", "行政执法案卷信息（第十六条第二款）"
