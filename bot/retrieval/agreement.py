"""Agreement between a question and an entry: the things a question names (a jurisdiction, a kind of right, a
route, a party, a body outside customs) that the entry must cover too. Similarity alone answers a question
about the EU with China's rule; these word lists let the engine see that and decline, or take the entry that
does cover it. Every list is in English and Chinese; matching is by whole word (English) or substring (Chinese).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.retrieval.knowledge import Section


@dataclass(frozen=True)
class Facet:
    """One thing a question can name, with its values and the words for each."""

    name: str
    values: dict[str, tuple[str, ...]]
    # True: an entry covers a value only by naming it (every entry is about China's customs unless it says
    # otherwise, so an entry silent on the EU does not cover the EU). False: an entry silent on the whole facet
    # is general and covers every value (an entry on recordation that never says "patent" still answers for
    # patents); only an entry naming another value of the facet and not this one disagrees.
    exclusive: bool
    # True: an entry whose heading names values of this facet, none of which the question names,
    # is about something else (the US entry does not answer a question that never mentions the US).
    reverse: bool = False
    # Values that make an entry about something else when its heading names them and the question does not
    # (the cross-border e-commerce entry does not answer "which rights does customs protect?").
    titled: tuple[str, ...] = ()
    # Words that cover `umbrella_values` at once: an entry on foreign holders covers a Japanese company.
    umbrella: tuple[str, ...] = ()
    umbrella_values: tuple[str, ...] = ()
    # Values an entry covers only by naming them in its heading: entries name taxes in passing (the goods'
    # value a fine is counted on includes duties), and that does not make them answer "what's the VAT rate?".
    headed: tuple[str, ...] = ()
    # True: an entry whose heading names only other values of this facet than the question names is about
    # something else, whatever its body mentions ("How much guarantee when I apply for detention?", which
    # compares the ex officio tiers in passing, does not answer "how much guarantee ex officio?").
    contrasted: bool = False


FACETS: tuple[Facet, ...] = (
    Facet(
        "jurisdiction",
        {
            "eu": ("eu", "e.u.", "european union", "euipo", "application for action", "欧盟"),
            "us": ("US", "U.S.", "USA", "united states", "america", "cbp", "uspto", "美国"),
            "japan": ("japan", "japanese", "日本"),
            "uk": ("UK", "united kingdom", "britain", "英国"),
            "korea": ("korea", "韩国"),
            "hong kong": ("hong kong", "HK", "香港", "港澳"),
            "macao": ("macao", "macau", "澳门", "港澳"),
            "taiwan": ("taiwan", "台湾", "港澳台"),
            # Another country's customs administration is asked about its own procedure; the asker's home
            # country alone is covered by the entries on foreign holders (umbrella below).
            "other customs": ("japan customs", "japanese customs", "korea customs", "korean customs",
                              "german customs", "uk customs", "hmrc", "日本海关", "韩国海关", "德国海关", "英国海关",
                              "法国海关", "澳洲海关", "加拿大海关", "新加坡海关", "泰国海关", "越南海关",
                              "俄罗斯海关", "俄海关", "russian customs", "vietnamese customs", "vietnam customs",
                              "kazakh customs", "kazakhstan customs", "mongolian customs", "thai customs",
                              "indian customs", "brazilian customs", "蒙古海关",
                              "哈萨克斯坦海关", "老挝海关",
                              # Hong Kong's and the Netherlands' own laws and services, asked for their procedure
                              # ("how do we get them back under Hong Kong law?"): mainland customs has no say. Not
                              # "Hong Kong customs" alone: "does our GACC recordation protect us at Hong Kong
                              # customs?" is ours (no, it does not).
                              "C&ED", "customs and excise", "trade descriptions ordinance", "hong kong law",
                              "商品说明条例", "香港法律", "香港的法律", "dutch customs", "rotterdam customs",
                              # Hong Kong customs acting on its own side ("香港海关扣了我们转口的货"): its procedure.
                              "香港海关扣", "香港海关查", "被香港海关", "hong kong customs seized",
                              "hong kong customs detained", "seized by hong kong customs",
                              "detained by hong kong customs",
                              "dutch law", "荷兰海关",
                              # The neighbours and markets traders ship to, asked for their own customs' register
                              # or appeal ("how do we get our brand onto the Russian customs IP register?").
                              "russian customs", "russia customs", "kazakh customs", "kazakhstan customs",
                              "vietnamese customs", "vietnam customs", "thai customs", "indian customs",
                              "dubai customs", "uae customs", "saudi customs", "nigerian customs",
                              "brazilian customs", "mexican customs", "turkish customs", "french customs",
                              "italian customs", "spanish customs", "australian customs", "canadian customs",
                              "俄罗斯海关", "俄方海关", "俄罗斯的海关", "哈萨克斯坦海关", "哈方海关", "沙特海关",
                              "迪拜海关", "印度海关", "巴西海关", "墨西哥海关", "土耳其海关", "意大利海关",
                              "西班牙海关", "尼日利亚海关",
                              # The destination's own clearance ("出口俄罗斯的货，那边清关要什么文件？").
                              "那边清关", "当地清关",
                              # The US's own release procedure after a CBP seizure there.
                              "被CBP扣", "CBP扣了", "seized by CBP", "CBP seized"),
        },
        exclusive=True,
        reverse=True,
        # The knowledge base has entries on the EU's and the US's own rules; other places are mostly named as
        # where the asker is from, which an entry on foreign (or outside-mainland) holders covers.
        umbrella=("foreign", "overseas", "abroad", "外国", "境外", "国外"),
        umbrella_values=("japan", "uk", "korea", "hong kong", "macao", "taiwan"),
    ),
    Facet(
        # Bodies and procedures outside customs' IPR protection: a question about them is answered only by an
        # entry that names them (registering a mark at CNIPA is not recording it with customs).
        "elsewhere",
        {
            "ip office": ("cnipa", "uspto", "euipo", "trademark office", "patent office", "copyright office",
                          "trademark registration take", "trademark registration fee", "registration fee",
                          "madrid", "国家知识产权局", "知识产权局", "国知局", "版权保护中心",
                          "copyright protection center", "copyright protection centre", "商标局", "版权局", "版权中心",
                          "驳回复审", "注册官费", "注册费", "类别官费", "马德里", "宽展期",
                          # Recognising a well-known mark is the IP office's or a court's (blind67).
                          "驰名商标认定", "认定驰名商标", "认定为驰名商标", "well-known mark recognition",
                          "recognised as a well-known mark", "recognized as a well-known mark",
                          # Renewing the registration itself, not the recordation ("商标注册续展在哪里办").
                          "注册续展", "续展注册", "renew the registration", "renew our registration",
                          "renewing the registration", "registration renewal", "renew the trademark registration",
                          "renew our trademark registration", "renewal of the trademark registration",
                          # The patent's own grant.
                          "多久能授权", "授权要多久", "多久授权", "how long until the patent is granted",
                          "patent examination take", "专利年费", "年费忘了交", "年费忘交", "patent annuity",
                          "patent annual fee", "annual fee for the patent"),
            "opposition": ("opposition", "invalidation", "oppose their", "oppose the application", "oppose a mark",
                           "oppose the mark", "oppose their mark", "oppose the registration", "异议", "无效宣告",
                           "宣告无效", "抢注",
                           # Cancelling another's mark for three years' non-use is the IP office's procedure.
                           "撤三", "三年不使用", "三年没用", "三年没有使用", "三年都没用", "三年都没有使用",
                           "non-use"),
            "smuggling": ("smuggling", "smuggle", "走私"),
            "tax": ("vat", "tariff", "duty rate", "exchange rate", "增值税", "关税", "税率", "汇率", "免税额度", "补税",
                    "交多少税", "duty-free allowance", "how much duty", "tax rate", "single-order value",
                    "single order value",
                    # A duty deposit in a classification dispute is a tax matter, not an IPR guarantee.
                    "税款保证金", "tax guarantee", "duty guarantee", "classification dispute", "hs code", "商品编码",
                    "海关编码", "归类",
                    # An export's tax rebate, cross-border e-commerce's combined tax and yearly quota (blind34-41).
                    "退税", "export rebate", "tax rebate", "综合税", "HS编码", "hs编码", "HS码", "一年的额度",
                    "年度额度", "年度限额", "annual limit", "yearly limit", "comprehensive tax", "多少钱要交税",
                    "超过多少要交税", "行邮税", "要交税吗", "要不要交税"),
            "visa": ("visa", "签证"),
            "declaration agency": ("customs broker", "declaration agency", "报关企业", "报关行", "报关单"),
            # How to declare goods at all, not their IP status.
            "ordinary declaration": ("ordinary customs declaration", "ordinary declaration", "一般贸易进口报关",
                                     "一般贸易出口报关", "报关需要准备", "报关要准备", "怎么报关", "报关流程",
                                     "single window", "单一窗口", "申报要素", "declaration elements", "滞报金",
                                     "滞报", "late declaration fee", "unclaimed cargo", "as unclaimed", "超期未报关",
                                     "监管方式",
                                     # Not the e-commerce modes' codes (9610, 1210): in-scope questions name them
                                     # ("走9610直邮的小包也查知识产权吗？"), and an entry whose phrasings do would
                                     # then cover every question on declaring goods at all.
                                     "贸易方式", "申报流程", "9710", "9810",
                                     # An enterprise's own filing or registration with customs, not a right's
                                     # ("跨境电商9610出口要在海关做什么企业备案").
                                     "企业备案", "注册登记",
                                     # Amending a declaration already filed, the e-commerce positive list, a
                                     # transit carnet (blind50-57).
                                     "改单", "删改单", "报关单怎么改", "修改报关单", "报关单修改",
                                     "amend the declaration", "amend a declaration", "amend an export declaration",
                                     "amend an import declaration", "amend the export declaration",
                                     "amend the import declaration", "正面清单", "positive list", "under tir",
                                     "tir carnet", "transit documents",
                                     # Registering the company itself with customs as a trader or declarant.
                                     "收发货人备案", "报关单位备案", "海关注册登记", "做什么注册登记",
                                     "register as a customs broker", "customs registration of the company",
                                     # Registering as a cross-border e-commerce enterprise to use its modes (blind83).
                                     "register as a cross-border e-commerce", "register as an e-commerce",
                                     "register as a cbec", "e-commerce enterprise registration",
                                     "register as a customs declaration", "declaration enterprise",
                                     "fill the customs declaration", "fill in the customs declaration",
                                     "fill out the customs declaration", "fields are mandatory",
                                     # Setting up a trading company and its right to trade (blind95).
                                     "注册个外贸公司", "注册外贸公司", "进出口权", "进出口经营权",
                                     "register a trading company", "import and export rights"),
            # Where goods come from for tariff preferences is a certificate of origin, not a mark (blind7-67).
            "origin": ("原产地证", "原产地证书", "产地证", "certificate of origin", "certificates of origin",
                       "form e", "rcep origin"),
            # A marketplace's own complaint procedure, and other regulators' filings (cosmetics, CCC).
            "platform": ("平台投诉", "投诉到平台", "投诉平台", "平台不处理", "下架", "takedown",
                         "take down the listing", "take down listings", "notice and takedown",
                         "brand registry", "亚马逊品牌备案", "亚马逊备案", "把店封了", "封店", "店铺被封",
                         # The E-Commerce Law's notice and counter-notice between seller and platform (blind71).
                         "counter-notice", "counter notice", "反通知", "恢复链接", "restore the link",
                         "restoring the link", "平台一般怎么处罚", "平台怎么处罚", "平台会怎么罚", "平台怎么罚",
                         "被封了", "侵权投诉"),
            "other regulator": ("药监局", "NMPA", "化妆品备案", "化妆品注册", "CCC", "3C认证", "CCC certification",
                                # Registering an overseas food plant, an importer's filing for food.
                                "境外生产企业注册", "进口商备案", "overseas manufacturer registration", "CIFER",
                                # Product certification and dangerous-goods papers (blind50-57).
                                "CE认证", "CE marking", "EAC认证", "EAC certification",
                                # Export controls on dual-use items are the commerce ministry's (blind79).
                                "export control", "export controls", "dual-use", "出口管制", "两用物项",
                                "做啥认证", "做什么认证", "要做哪些认证", "需要哪些认证",
                                "危包证", "dangerous goods", "UN38.3"),
            # Customs' enterprise credit scheme, and what a traveller may carry: customs matters, not IPR.
            "aeo": ("AEO", "authorized economic operator", "authorised economic operator", "高级认证", "认证企业"),
            "cash and tobacco": ("cigarette", "cigarettes", "tobacco", "香烟", "条烟", "卷烟", "烟草", "how much cash",
                                 "carry cash", "cash limit", "多少现金", "带现金", "携带现金", "现金出境", "现金入境",
                                 "现金过关", "人民币现金", "美元现金", "外币现金"),
            # Licensing terms and an employee's trade secrets are contracts and courts, not the border.
            "licensing": ("royalty", "royalties", "royalty rate", "licence fee", "license fee", "licensing fee",
                          "许可费", "许可合同要不要", "要去知识产权局备案", "去知识产权局备案吗", "许可合同备案",
                          "备案许可合同", "许可合同要去", "许可合同咋签",
                          "许可合同怎么签",
                          "商标许可合同", "许可备案", "licence recordal", "license recordal", "record the licence",
                          "record the license", "licence agreement with cnipa", "license agreement with cnipa",
                          "licence contract with cnipa", "license contract with cnipa",
                          "licence have to be recorded", "license have to be recorded", "licence be recorded",
                          "license be recorded", "trademark licence contract", "trademark license contract",
                          "trademark licence agreement", "trademark license agreement"),
            "trade secret dispute": ("former employee", "former engineer", "ex-engineer", "ex-employee",
                                     "trade secret theft", "侵犯商业秘密", "前员工", "离职的", "left for a competitor",
                                     "跳槽"),
            "lawsuit abroad": ("sued", "lawsuit in", "sue in the us", "sue them in", "应诉", "被起诉", "在美国起诉",
                               "在国外起诉", "在境外起诉", "在海外起诉", "section 337", "337 investigation",
                               "337 case", "337调查",
                               # Contesting a seizure in the US: CBP's own procedure (blind20-73).
                               "seizure notice", "ISF", "petition"),
            # What registering a mark at the IP office costs and takes, asked before recording it with customs
            # (blind8-20): the entries naming CNIPA in passing do not answer it.
            "registration": ("register a trademark at cnipa", "registering a trademark at cnipa",
                             "register our trademark at cnipa", "register our brand at cnipa", "cnipa take",
                             "cnipa taking", "cnipa fee", "cnipa fees", "cnipa charge", "cnipa charges",
                             "official cnipa fee", "cnipa official fee", "trademark registration take",
                             "trademark application take", "how long does a trademark registration",
                             "商标注册要多久", "注册商标要多久", "商标注册多少钱", "注册商标多少钱", "注册一个商标",
                             "商标注册费", "下证要多久", "多久能下证", "商标注册大概要多久", "注册商标大概要多久",
                             # The registered right's own term and renewal, and a refused trademark application.
                             "商标注册下来以后有效期", "注册商标有效期是多少年", "商标有效期是多少年",
                             "商标的有效期是多少年", "how do we renew it at cnipa", "how to renew it at cnipa",
                             "how do we renew our trademark at cnipa", "注册申请被驳回", "商标被驳回", "驳回通知书",
                             # Registering a copyright with the copyright centre, as wanted (not "做了版权登记").
                             "想做版权登记", "想做个版权登记", "想做著作权登记", "想做个著作权登记", "版权登记去哪",
                             "著作权登记去哪", "版权登记在哪", "著作权登记在哪",
                             # Here, not under "ip office": entries naming CNIPA in passing cover that (blind8).
                             "recognised as a well-known", "recognized as a well-known",
                             # Filing a Madrid international registration, not recording one with customs.
                             "file a madrid", "madrid filing", "madrid application", "马德里国际注册怎么",
                             "马德里注册怎么", "马德里申请怎么", "怎么做马德里",
                             # Asking how to bring an opposition or invalidation: the IP office's procedure, which
                             # entries naming invalidation in passing (a lapsed recordation) do not answer (blind87).
                             "怎么申请宣告无效", "如何申请宣告无效", "申请宣告无效要", "怎么提异议", "怎么提出异议",
                             "如何提出异议", "file an opposition", "file the opposition", "apply for invalidation",
                             "file an invalidation", "file for invalidation",
                             # The registration's own term, asked as such (blind82, blind85); "备案" asked with it
                             # is ours and is kept by `_MARK_TERM` below.
                             "how long is a trademark registration valid",
                             "how long does a trademark registration last",
                             "how long is a registered trademark valid", "term of a trademark registration",
                             "term of a registered trademark", "trademark itself last", "mark itself last",
                             "trademark itself expire", "registration itself last",
                             # Registering a copyright, asked how (blind45); "do we need to register copyright
                             # before recording it?" is ours.
                             "how do we register copyright", "how do we register the copyright",
                             "how to register copyright", "how do i register copyright",
                             # Filing the mark itself at the IP office (blind96).
                             "file at cnipa", "filing at cnipa", "apply at cnipa", "till we get the certificate",
                             "until we get the certificate"),
            # The shipping line's charges while a container waits are a contract with the carrier.
            "carrier charges": ("demurrage", "滞箱费", "滞港费", "container charges"),
            # Suing the infringer for damages is a civil case, not customs' protection ("东莞有个厂仿了我们的
            # 沙发，去法院告他一般能赔多少？" had the entry on suing customs). Not "去法院告" alone:
            # "直接去法院告海关" is ours.
            "damages lawsuit": ("sue the factory", "sue that factory", "sue this factory", "sue them for damages",
                                "sue for damages", "claim damages", "statutory damages", "damages award",
                                "infringement lawsuit", "infringement suit", "告他", "告他们", "告那家", "告这家",
                                "告对方", "起诉一家", "起诉这家", "起诉那家", "起诉工厂", "起诉对方", "起诉侵权",
                                "侵权诉讼", "判赔", "侵权打官司", "打官司一般能赔", "起诉别人商标侵权",
                                "法定赔偿", "能判多少", "判多少钱", "法院大概怎么判", "法院怎么判",
                                "how much damages", "damages can a", "in damages", "maximum damages",
                                "court can award", "courts can award", "courts been awarding",
                                "courts usually award", "courts award",
                                # Asked of a court's award without naming a lawsuit (blind92, blind96).
                                "法院判商标侵权", "商标侵权一般能赔", "侵权能赔多少", "damages could we",
                                "damages can we get", "damages would we get"),
            # The right's own life and papers are the IP office's: a patent's term, a lost certificate.
            # Asked in blind sets as "what's the term of an invention patent?", "how long is a design patent
            # protected?", "how long does software copyright last?": the term of the right, not of a recordation.
            # Whole phrases only: "is my patent protected at the border?" and "备案后海关保护多久？" are ours.
            # Not "term of protection" alone: "do we still get the full term of protection at customs?" is ours.
            "term of a right": ("patent term", "term of protection of", "term of protection for", "protection term of",
                                "protection term for", "protection period",
                                "term of a patent", "term of an invention patent", "term of a design patent",
                                "term of a utility model", "term of a copyright", "how long is a patent protected",
                                "how long is a design patent protected", "how long is an invention patent protected",
                                "how long is copyright protected", "how long does a patent last",
                                "how long does a design patent last", "how long do patents last",
                                "how long does copyright last", "how long does software copyright last",
                                "how long does a software copyright last", "how long is a patent valid",
                                "invention patent last", "design patent last", "utility model last",
                                "invention patent valid", "design patent valid", "utility model valid",
                                "how long is an invention patent valid", "how long is a design patent valid",
                                "保护期", "专利期限", "专利有效期多久", "专利有效期是多久", "专利有效期多少年",
                                "专利保护多少年", "专利保护多久", "专利保护几年", "实用新型保护几年",
                                "实用新型保护多久", "外观设计保护几年", "外观设计保护多久", "著作权保护多少年",
                                "著作权保护多久",
                                "版权保护多少年", "版权保护多久"),
            "certificate replacement": ("replacement certificate", "reissue", "补办", "遗失补发"),
        },
        exclusive=True,
        headed=("tax",),
    ),
    Facet(
        "right",
        {
            "patent": ("patent", "patents", "utility model", "design patent", "专利", "实用新型", "外观设计"),
            "trademark": ("trademark", "trademarks", "trade mark", "商标"),
            "copyright": ("copyright", "copyrights", "software", "著作权", "版权", "软件"),
            "olympic": ("olympic", "olympics", "奥林匹克", "奥运"),
            "expo": ("expo", "世博"),
        },
        exclusive=False,
    ),
    Facet(
        "route",
        {
            "ex officio": ("ex officio", "ex-officio", "on its own initiative", "依职权"),
            "application": ("application route", "on application", "our own request", "依申请"),
        },
        exclusive=False,
        contrasted=True,
    ),
    Facet(
        "party",
        {
            "licensee": ("licensee", "licensees", "被许可人", "被许可"),
            "agent": ("agent", "agency", "代理人", "代理机构"),
            "passenger": ("passenger", "passengers", "traveller", "traveler", "luggage", "baggage", "旅客",
                          "行李", "随身"),
            "post": ("postal", "parcel", "parcels", "express mail", "courier", "邮递", "快件", "邮寄", "包裹"),
            "ecommerce": ("e-commerce", "ecommerce", "cross-border", "cbec", "电商", "跨境"),
        },
        exclusive=False,
        titled=("passenger", "post", "ecommerce"),
    ),
    Facet(
        # Customs' enforcement campaigns: the entry on one does not answer a question on another ("净网行动查啥？"
        # had the Blue Net entry, whose body names Net Net in passing).
        "campaign",
        {
            "longteng": ("longteng", "soaring dragon", "龙腾"),
            "blue net": ("blue net", "蓝网"),
            "net net": ("net net", "clean net", "净网"),
        },
        exclusive=False,
        contrasted=True,
    ),
    Facet(
        # Places under special customs supervision: their entries answer questions that name them.
        "zone",
        {"bonded": ("bonded", "free trade zone", "free-trade zone", "FTZ", "保税", "自贸区", "自由贸易", "特殊监管区")},
        exclusive=False,
        titled=("bonded",),
    ),
    Facet(
        # An entry headed by one value of goods ("How much guarantee for goods worth RMB 500,000?") is a worked
        # example: it answers a question that names an amount, never one that names none ("依申请扣货的话担保要交
        # 多少" had the RMB 500,000 example, which the desk never shows, so it declined a question the entry on
        # the application route answers). Named by `_AMOUNT`, not by words.
        "figure",
        {"an amount": ()},
        exclusive=False,
        reverse=True,
    ),
)


Named = frozenset[tuple[str, str]]  # (facet, value) pairs
_UMBRELLA = "*"  # the value an umbrella word stands for, before it is spread over the facet's umbrella_values
_CJK = re.compile(r"[\u3400-\u9fff]")
# English words as terms are written: letters, digits and dots, joined by hyphens ("e-commerce", "U.S.").
_WORD = re.compile(r"[A-Za-z0-9.]+(?:-[A-Za-z0-9.]+)*")
# An amount of money: "RMB 50,000", "50k", "¥8000", "8万元", "五万块", "3000元".
_AMOUNT = re.compile(r"(?:RMB|CNY|USD|US\$|\$|¥|￥)\s*\d|\d[\d,.]*\s*(?:[kK]\b|万|千|元|块|yuan\b|rmb\b|RMB\b)"
                     r"|[一二三四五六七八九十两百千]+\s*(?:万|千)\s*(?:元|块)?", re.IGNORECASE)


# Contesting a US seizure there ("我们要怎么在美国那边申诉？", "在美国那边怎么申请放行"): the US entry answers
# only CBP's recordation and how it compares with China's.
_APPEAL_IN_THE_US = re.compile(r"美国(?:那边|那里|方面)?[^，。？?！!]{0,8}(?:申诉|打官司|申请放行|上诉)"
                               r"|CBP[^，。？?！!]{0,8}申诉|(?:美国|CBP)(?:那边|那里)的?(?:流程|程序)")

# Other countries, each by its names in both languages (English as a regex alternative, "the" where it is said).
_COUNTRIES: tuple[tuple[str, str], ...] = (
    ("Japan", "日本"), ("(?:South )?Korea", "韩国"), ("Vietnam", "越南"), ("Russia", "俄罗斯"), ("Laos", "老挝"),
    ("Saudi Arabia", "沙特"), ("Thailand", "泰国"), ("Mongolia", "蒙古"), ("Kazakhstan", "哈萨克斯坦"),
    ("Brazil", "巴西"), ("India", "印度"), ("Germany", "德国"), ("the UK|Britain", "英国"), ("France", "法国"),
    ("Italy", "意大利"), ("Spain", "西班牙"), ("the Netherlands", "荷兰"), ("Dubai", "迪拜"), ("the UAE", "阿联酋"),
    ("Turkey", "土耳其"), ("Mexico", "墨西哥"), ("Indonesia", "印尼"), ("Malaysia", "马来西亚"),
    ("the Philippines", "菲律宾"), ("Pakistan", "巴基斯坦"), ("Myanmar", "缅甸"), ("Cambodia", "柬埔寨"),
    ("Australia", "澳洲|澳大利亚"), ("Canada", "加拿大"), ("Singapore", "新加坡"), ("Chile", "智利"),
    ("South Africa", "南非"), ("Egypt", "埃及"), ("Poland", "波兰"), ("Uzbekistan", "乌兹别克"),
    ("Nigeria", "尼日利亚"),
)
_ABROAD = "|".join(zh for _, zh in _COUNTRIES)
_ABROAD_EN = "|".join(en for en, _ in _COUNTRIES)

# Goods stopped by another country's customs, or that country's procedure asked ("货到了俄罗斯那边被俄海关扣了",
# "在沙特被当地海关当假货扣了", "越南那边的程序怎么走"): not China's customs, unless the question names China's too.
_NOT_CHINA = r"^(?!.*(?:中国海关|国内海关|我国海关|海关总署|国内口岸|中国口岸))"
_STOPPED_ABROAD = re.compile(
    _NOT_CHINA + rf".*(?:(?:在(?:{_ABROAD})|到了?(?:{_ABROAD})(?:那边|那里|以后|之后|后))(?:那边|那里|当地)?"
    r"[^，。？?！!]{0,6}被[^，。？?！!]{0,4}海关"
    rf"|(?:{_ABROAD})(?:那边|那里|当地)的?[^，。？?！!]{{0,6}}(?:程序|流程|申诉|认定))",
    re.DOTALL,
)
_APPEAL_ABROAD = re.compile(rf"在(?:{_ABROAD})(?:那边|当地)?(?:申诉|打官司|起诉|维权)")

# Goods held by the US's customs, or the EU's or the US's own forms asked field by field ("美国海关CBP把我们的货扣了，
# 要怎么写petition", "欧盟海关AFA申请表怎么填"): their procedure, beyond the comparison the foreign entries give.
_HELD_BY_CBP = re.compile(r"(?:CBP|美国海关)[^，。？?！!]{0,10}扣")
_FOREIGN_FORM = re.compile(
    r"(?i)^(?=.*(?:(?<![A-Za-z])(?:CBP|AFA)(?![A-Za-z])|e-Recordation|application for action|欧盟海关|美国海关"
    r"|\b(?:EU|US) customs\b))"
    r".*(?:怎么填|如何填|怎么写|field by field|walk me through|fill (?:in|out) (?:the|their|its) "
    r"|how (?:do|can|should) (?:i|we) pay|怎么付|怎么缴费|如何缴费|填哪些表|一步步|step by step)",
    re.DOTALL,
)

# Recording a right with another country's customs, asked how ("How do I file a customs recordation in Brazil?").
_RECORDED_ABROAD = re.compile(
    rf"(?i)\bhow (?:do|can|should) (?:i|we) (?:file|record|register|apply)\b[^.?]{{0,40}}\bin (?:{_ABROAD_EN})\b"
)

# The registered mark's own term, asked without the recordation ("注册商标有效期几年？到期怎么续展").
_MARK_TERM = re.compile(r"^(?!.*(?:备案|海关)).*"
                        r"(?:(?:注册商标|商标注册|商标)的?有效期(?:是|有)?(?:几年|多少年|多久|多长)"
                        r"|(?:商标|注册)[^，。？?]{0,6}续展|续展[^，。？?]{0,8}(?:多少钱|去哪|在哪|怎么办|交多少))",
                        re.DOTALL)

# Values named by a pattern rather than by a word list.
_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, str]], ...] = (
    (_AMOUNT, ("figure", "an amount")),
    (_APPEAL_IN_THE_US, ("elsewhere", "lawsuit abroad")),
    (_APPEAL_ABROAD, ("elsewhere", "lawsuit abroad")),
    (_STOPPED_ABROAD, ("jurisdiction", "other customs")),
    (_HELD_BY_CBP, ("jurisdiction", "other customs")),
    (_FOREIGN_FORM, ("jurisdiction", "other customs")),
    (_MARK_TERM, ("elsewhere", "registration")),
    (_RECORDED_ABROAD, ("jurisdiction", "other customs")),
)


def _word_key(words: list[str]) -> tuple[str, ...]:
    return tuple(w.strip(".") for w in words)


@cache
def _lexicon() -> tuple[dict[tuple[str, ...], set[tuple[str, str]]], dict[tuple[str, ...], set[tuple[str, str]]],
                        dict[str, set[tuple[str, str]]], int]:
    """Every term once: English ones by their word sequence (lower-cased, or as written when in capitals, so
    "US" is the country and "us" the pronoun), Chinese ones as substrings; and the longest English term."""
    blind: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    capitals: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    chinese: dict[str, set[tuple[str, str]]] = {}
    for facet in FACETS:
        pairs = [(value, term) for value, terms in facet.values.items() for term in terms]
        for value, term in [*pairs, *((_UMBRELLA, term) for term in facet.umbrella)]:
            if _CJK.search(term):
                chinese.setdefault(term, set()).add((facet.name, value))
                continue
            table, text = (capitals, term) if term.isupper() else (blind, term.lower())
            table.setdefault(_word_key(_WORD.findall(text)), set()).add((facet.name, value))
    longest = max(len(key) for key in [*blind, *capitals])
    return blind, capitals, chinese, longest


@cache
def _first_words() -> frozenset[str]:
    blind, capitals, _, _ = _lexicon()
    return frozenset(key[0] for key in [*blind, *capitals] if key)


def named(text: str, umbrellas: bool = False) -> Named:
    """Every (facet, value) the text names; with `umbrellas`, also the values its umbrella words cover.
    One pass over the text's words (a regex per term took 12 s for 10,000 entries)."""
    blind, capitals, chinese, longest = _lexicon()
    found: set[tuple[str, str]] = set()
    words = _word_key(_WORD.findall(text))
    lowered = tuple(w.lower() for w in words)
    starts = _first_words()
    for i, word in enumerate(lowered):
        if word not in starts and words[i] not in starts:
            continue  # no term starts here: most words
        for n in range(1, min(longest, len(words) - i) + 1):
            found.update(blind.get(lowered[i : i + n], ()))
            found.update(capitals.get(words[i : i + n], ()))
    if _CJK.search(text):
        for term, pairs in chinese.items():
            if term in text:
                found.update(pairs)
    found.update(value for pattern, value in _PATTERNS if pattern.search(text))
    for facet in FACETS:
        if (facet.name, _UMBRELLA) in found:
            found.discard((facet.name, _UMBRELLA))
            if umbrellas:
                found.update((facet.name, value) for value in facet.umbrella_values)
    return frozenset(found)


# Whose a place is, not where the rules are asked: "a US company", "a Japanese camera maker", "美国一个品牌",
# "台湾经销商". A question naming a place only so is asked of China's customs, like any other.
_OWNER_EN = re.compile(
    r"(?:[-\s]+[A-Za-z]+)?\s+(?:company|companies|firm|brand|brands|maker|makers|manufacturer|manufacturers|"
    r"supplier|suppliers|distributor|distributors|client|clients|buyer|buyers|customer|customers|counsel|lawyer|"
    r"lawyers|parent|headquarters|group|owner|owners|exporter|exporters|importer|importers|partner|partners|seller|"
    r"sellers|retailer|retailers|subsidiary|trader|traders|friend|friends|factory|factories)\b",
    re.IGNORECASE,
)
_OWNER_ZH = re.compile(r"(?:的)?(?:一个|一家|那家|这家|某)?(?:公司|品牌|厂家|厂商|企业|客户|经销商|供应商|代理|律所|"
                       r"律师|买家|朋友|总部|母公司|工厂|卖家|商家|集团|子公司|法务)")


def asked_of(question: str) -> Named:
    """What a question names, less the places it names only as whose someone or something is ("we're a US
    company", "日本品牌的授权书"): those ask nothing of another jurisdiction's rules."""
    found = named(question)
    places = _BY_NAME["jurisdiction"].values
    return frozenset(
        (facet, value) for facet, value in found
        if not (facet == "jurisdiction" and value != "other customs" and _owner_only(question, places[value]))
        and not ((facet, value) == ("party", "passenger") and _luggage_trade_only(question))
    )


def _luggage_trade_only(question: str) -> bool:
    """Whether the question names a passenger only by luggage that is a trade's goods."""
    if not _owner_only(question, _LUGGAGE_TRADE):
        return False
    rest = re.sub(r"(?i)\b(?:luggage|baggage)\b", " ", question)
    return ("party", "passenger") not in named(rest)


# Luggage as a trade's goods, not a traveller's: "an OEM luggage maker", "a luggage brand" (blind70).
_LUGGAGE_TRADE = ("luggage", "baggage")


def _owner_only(text: str, terms: tuple[str, ...]) -> bool:
    """Whether every place in `text` that one of `terms` names is followed by whose it is."""
    seen = False
    for term in terms:
        if _CJK.search(term):
            spans = [m.end() for m in re.finditer(re.escape(term), text)]
            owner = _OWNER_ZH
        else:
            flags = 0 if term.isupper() else re.IGNORECASE
            spans = [m.end() for m in re.finditer(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])", text, flags)]
            owner = _OWNER_EN
        for end in spans:
            seen = True
            if not owner.match(text, end):
                return False
    return seen


@dataclass(frozen=True)
class Coverage:
    """What an entry names: anywhere in it (heading, phrasings, text), and in its heading (what it is about)."""

    anywhere: Named
    titled: Named

    @classmethod
    def of(cls, section: Section) -> Coverage:
        heading = "\n".join([section.title, *section.phrasings])
        anywhere = named(f"{section.file_title}\n{heading}\n{section.text}", umbrellas=True)
        # An entry whose heading and text name no kind of right answers for every kind: "商标备案多久批" among
        # the phrasings of the entry on the decision time is the asker's example, not the entry's limit.
        said = {name for name, _ in named(f"{section.file_title}\n{section.title}\n{section.text}")}
        return cls(anywhere=frozenset(x for x in anywhere if x[0] not in _SAID_ONLY or x[0] in said),
                   titled=named(section.title))


_BY_NAME = {facet.name: facet for facet in FACETS}
_SAID_ONLY = frozenset({"right"})  # facets an entry is silent on when its heading and text are


# The US is named as where the asker or a client is from ("our US client", "美国公司") far more often than for its
# rules; these words make it its rules.
_US_RULES = re.compile(r"(?<![A-Za-z])[Cc][Bb][Pp](?![A-Za-z])|\b(?:US|U\.S\.)\s+[Cc]ustoms\b|[Aa]merican\s+[Cc]ustoms"
                       r"|\b[Ii]n\s+(?:the\s+)?(?:US|U\.S\.|USA|United States|America)\b"
                       r"|美国海关|在美国|美国的(?:规定|规则|法律|做法|程序)")


def beyond_our_rules(text: str) -> bool:
    """Whether the text asks about another jurisdiction's rules (the EU, the US's customs, Japan's customs) or a
    body outside customs' IPR protection (the IP office, taxes): China's rule tables do not answer it. The asker's
    home country alone ("we are a Japanese company", "our US client") does not count."""
    for facet_name, value in named(text):
        facet = _BY_NAME[facet_name]
        if facet_name == "elsewhere":
            return True
        foreign = facet_name == "jurisdiction" and value not in facet.umbrella_values
        if foreign and (value != "us" or _US_RULES.search(text)):
            return True
    return False


def disagreements(question: Named, entry: Coverage, mentioned: Named | None = None) -> list[str]:
    """What the question names that the entry does not cover, and what the entry is about that the question
    does not name, as "facet:value" (one each, for logs and tests). `mentioned`, when given, is everything the
    question names (`named`), and `question` what it asks of (`asked_of`): an entry about Hong Kong holders
    answers "a Hong Kong company asks ...", though Hong Kong's own rules are not asked."""
    mentioned = question if mentioned is None else mentioned
    found: list[str] = []
    for facet_name, value in sorted(question):
        facet = _BY_NAME[facet_name]
        if (facet_name, value) in (entry.titled if value in facet.headed else entry.anywhere):
            continue
        silent = not any(name == facet_name for name, _ in entry.anywhere)
        if facet.exclusive or not silent:
            found.append(f"{facet_name}:{value}")
    for facet in FACETS:
        # The heading alone says what an entry is about: its phrasings ask its facts in many ways, and one that
        # names Latin America or a Hong Kong buyer does not make the entry about them.
        titled = {value for name, value in entry.titled
                  if name == facet.name and (facet.reverse or value in facet.titled)}
        if titled and not any((facet.name, value) in mentioned for value in titled):
            found.append(f"{facet.name}:{'/'.join(sorted(titled))}?")
        elif facet.contrasted:
            headed = {value for name, value in entry.titled if name == facet.name}
            asked = {value for name, value in question if name == facet.name}
            if headed and asked and not headed & asked:
                found.append(f"{facet.name}:{'/'.join(sorted(headed))}?")
    return found
