"""The questionnaire a new survey starts from: the five service elements, each asked by
perception, satisfaction and expectation, and one question on public policy (the SIPAS
methodology's structure; the wording is the province's to edit in the builder before opening).
Only the satisfaction questions (the 5-level scale) enter the index."""

from sipas.models import Aspect, Element, Kind

YES_NO = Kind.YES_NO
DEFAULT = [
    (Element.ACCESS, Aspect.PERCEPTION, YES_NO, "Nơi tiếp nhận hồ sơ có đủ chỗ ngồi, dễ tìm, có hướng dẫn rõ ràng?"),
    (Element.ACCESS, Aspect.SATISFACTION, Kind.LIKERT, "Ông/Bà hài lòng thế nào với việc tiếp cận dịch vụ?"),
    (Element.PROCEDURE, Aspect.PERCEPTION, YES_NO, "Thủ tục được niêm yết công khai, đầy đủ, đúng quy định?"),
    (Element.PROCEDURE, Aspect.SATISFACTION, Kind.LIKERT, "Ông/Bà hài lòng thế nào với thủ tục hành chính?"),
    (Element.CIVIL_SERVANT, Aspect.PERCEPTION, YES_NO, "Công chức có thái độ lịch sự, hướng dẫn tận tình, dễ hiểu?"),
    (Element.CIVIL_SERVANT, Aspect.SATISFACTION, Kind.LIKERT,
     "Ông/Bà hài lòng thế nào với công chức trực tiếp giải quyết hồ sơ?"),
    (Element.RESULT, Aspect.PERCEPTION, YES_NO, "Kết quả được trả đúng hẹn, đúng quy định, thông tin chính xác?"),
    (Element.RESULT, Aspect.SATISFACTION, Kind.LIKERT, "Ông/Bà hài lòng thế nào với kết quả nhận được?"),
    (Element.FEEDBACK, Aspect.PERCEPTION, YES_NO, "Có nơi để góp ý, phản ánh và được trả lời đúng hạn?"),
    (Element.FEEDBACK, Aspect.SATISFACTION, Kind.LIKERT,
     "Ông/Bà hài lòng thế nào với việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị?"),
    (Element.PROCEDURE, Aspect.EXPECTATION, Kind.CHOICE, "Ông/Bà mong cơ quan cải thiện điều gì nhất?"),
    (Element.POLICY, Aspect.SATISFACTION, Kind.LIKERT,
     "Ông/Bà hài lòng thế nào với chính sách của tỉnh trong lĩnh vực của hồ sơ này?"),
]
EXPECTATIONS = ["Rút ngắn thời gian giải quyết", "Giảm giấy tờ phải nộp", "Mở rộng nộp, nhận kết quả trực tuyến",
                "Thái độ phục vụ của công chức", "Công khai, minh bạch thông tin"]
